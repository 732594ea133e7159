package io.sendense.webapp.flow;

import io.sendense.persistence.common.PresenceState;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.group.GroupStore;
import io.sendense.persistence.group.ProtectionGroup;
import io.sendense.persistence.node.Placement;
import io.sendense.persistence.policy.PolicyStore;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.Vm;
import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.group.GroupService;
import io.sendense.webapp.node.NodeService;
import io.sendense.webapp.retention.RetentionRules;
import io.sendense.webapp.schedule.CronExpression;
import io.sendense.webapp.schedule.SchedulePlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Checks a flow request against the catalog (the target exists and can be backed up, the repository
 * is enabled, the schedule, time zone, retention and policy are valid, the node it is placed on
 * does not contradict its repository's) and applies it to a flow, with its next run. Runs in the
 * caller's transaction ({@link FlowService}).
 */
@ApplicationScoped
public class FlowSettings {
  @Inject GroupStore groupStore;
  @Inject GroupService groups;
  @Inject SourceStore vms;
  @Inject RepositoryStore repositories;
  @Inject NodeService nodes;
  @Inject PolicyStore policies;
  @Inject Clock clock;

  /** Applies {@code request} to {@code flow}, or refuses it with the reason (400). */
  void apply(ProtectionFlow flow, FlowRequest request) {
    if ((request.targetVmId() == null) == (request.targetGroupId() == null)) {
      throw new Refusal(400, "Give exactly one target: targetVmId or targetGroupId");
    }
    ProtectionGroup group = null;
    Vm vm = null;
    if (request.targetVmId() != null) {
      vm =
          vms.vm(request.targetVmId())
              .orElseThrow(
                  () -> new Refusal(400, "No VM with id " + request.targetVmId() + " (deleted?)"));
      if (vm.getState() != PresenceState.PRESENT) {
        throw new Refusal(
            400, "VM '" + vm.getName() + "' is gone from vCenter; it cannot be protected");
      }
    } else {
      group =
          groupStore
              .byId(request.targetGroupId())
              .orElseThrow(
                  () ->
                      new Refusal(
                          400,
                          "No protection group with id "
                              + request.targetGroupId()
                              + " (deleted?)"));
      if (groups.targets(group).isEmpty()) {
        throw new Refusal(
            400,
            "Group '" + group.getName() + "' has no members; add VMs or a membership rule first");
      }
    }
    flow.setTargetVm(vm);
    flow.setTargetGroup(group);
    flow.setRepository(repository(request, group));
    Fields.atMost("schedule", request.schedule(), 128);
    Fields.atMost("timeZone", request.timeZone(), 64);
    String schedule = request.schedule();
    if (schedule == null && group != null) {
      schedule = group.getDefaultSchedule();
    }
    schedule = schedule == null || schedule.isBlank() ? null : schedule.strip();
    if (schedule != null) {
      CronExpression.problemWith(schedule)
          .ifPresent(
              p -> {
                throw new Refusal(400, "Schedule: " + p);
              });
    }
    String zone =
        request.timeZone() == null || request.timeZone().isBlank()
            ? "UTC"
            : request.timeZone().strip();
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new Refusal(
          400, "Unknown time zone '" + zone + "'; use a name like Europe/Berlin or UTC");
    }
    RetentionRules retention = retention(request);
    flow.setCronSchedule(schedule);
    flow.setTimeZone(zone);
    flow.setRetentionCount(retention.last());
    flow.setRetentionDaily(retention.daily());
    flow.setRetentionWeekly(retention.weekly());
    flow.setRetentionMonthly(retention.monthly());
    flow.setRetentionYearly(retention.yearly());
    flow.setPolicy(
        request.policyId() == null
            ? null
            : policies
                .byId(request.policyId())
                .orElseThrow(
                    () -> new Refusal(400, "No backup policy with id " + request.policyId())));
    flow.setNode(nodes.placeable(request.nodeId()));
    Placement.conflict(flow)
        .ifPresent(
            why -> {
              throw new Refusal(409, why);
            });
    flow.setEnabled(request.enabled() == null || request.enabled());
    flow.setNextRunAt(flow.isEnabled() ? planner().firstRun(schedule, zone) : null);
  }

  /** The request's retention rules, {@code retentionCount} folded into {@code last}. */
  private static RetentionRules retention(FlowRequest request) {
    RetentionRules r = request.retention() == null ? RetentionRules.KEEP_ALL : request.retention();
    Integer count = request.retentionCount();
    if (count != null && r.last() != null && !count.equals(r.last())) {
      throw new Refusal(
          400,
          "retentionCount ("
              + count
              + ") and retention.last ("
              + r.last()
              + ") differ; retentionCount is an alias of retention.last, give only one");
    }
    if (count != null && count < 1) {
      throw new Refusal(400, "retentionCount must be at least 1 (or left out to keep every point)");
    }
    RetentionRules rules =
        new RetentionRules(
            count != null ? count : r.last(), r.daily(), r.weekly(), r.monthly(), r.yearly());
    rules
        .problem()
        .ifPresent(
            p -> {
              throw new Refusal(400, p);
            });
    return rules;
  }

  private Repository repository(FlowRequest request, ProtectionGroup group) {
    Long repositoryId = request.repositoryId();
    if (repositoryId == null && group != null && group.getDefaultRepository() != null) {
      return group.getDefaultRepository();
    }
    if (repositoryId == null) {
      throw new Refusal(400, "repositoryId is required");
    }
    Repository repository =
        repositories
            .byId(repositoryId)
            .orElseThrow(
                () -> new Refusal(400, "No repository with id " + repositoryId + " (deleted?)"));
    if (!repository.isEnabled()) {
      throw new Refusal(400, "Repository '" + repository.getName() + "' is disabled");
    }
    return repository;
  }

  /** Plans next runs from now (runs missed while a flow was disabled are not made up). */
  SchedulePlanner planner() {
    return new SchedulePlanner(clock, SchedulePlanner.DEFAULT_GRACE, true);
  }
}
