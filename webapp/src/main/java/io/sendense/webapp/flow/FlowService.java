package io.sendense.webapp.flow;

import io.sendense.persistence.common.PresenceState;
import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.flow.FlowExecutionVm;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.flow.VmRunStatus;
import io.sendense.persistence.group.GroupStore;
import io.sendense.persistence.group.ProtectionGroup;
import io.sendense.persistence.machine.MachineStore;
import io.sendense.persistence.policy.BackupPolicy;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.VmContext;
import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.group.GroupService;
import io.sendense.webapp.retention.RetentionRules;
import io.sendense.webapp.schedule.CronExpression;
import io.sendense.webapp.schedule.SchedulePlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Protection flows: validated create and change, and the state the flows table shows. */
@ApplicationScoped
@Transactional
public class FlowService {
  @Inject FlowStore store;
  @Inject GroupStore groupStore;
  @Inject GroupService groups;
  @Inject SourceStore vms;
  @Inject RepositoryStore repositories;
  @Inject MachineStore machines;
  @Inject Clock clock;

  @jakarta.persistence.PersistenceContext(unitName = "sendense")
  jakarta.persistence.EntityManager em;

  /** Every flow by name, with targets and repositories read in the same query. */
  public List<FlowDto> list() {
    return dtos(store.page(null, 0, Integer.MAX_VALUE));
  }

  /** A page of flows by name (names containing {@code name} when given), with the total. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<FlowDto> page(String name, int offset, int limit) {
    List<FlowDto> items = dtos(store.page(name, offset, limit));
    long total =
        items.size() < limit && (offset == 0 || !items.isEmpty())
            ? offset + items.size()
            : store.count(name);
    return new Page<>(items, total, offset, limit);
  }

  private List<FlowDto> dtos(List<ProtectionFlow> flows) {
    Map<Long, FlowExecution> runningByFlow =
        store.runningExecutions().stream()
            .collect(Collectors.toMap(e -> e.getFlow().getId(), e -> e, (a, b) -> a));
    return flows.stream().map(f -> toDto(f, runningByFlow.get(f.getId()))).toList();
  }

  public FlowDto get(long id) {
    ProtectionFlow flow = find(id);
    FlowExecution running = runningOf(flow);
    if (running == null) {
      // A run that ended after the flow was read (or while the shared cache still held the flow
      // as it was) would otherwise show as neither running nor ended.
      store.refresh(flow);
    }
    return toDto(flow, running);
  }

  public FlowDto create(FlowRequest request) {
    String name = Fields.name(request.name());
    if (store.byName(name).isPresent()) {
      throw new Refusal(409, "A protection flow named '" + name + "' already exists");
    }
    ProtectionFlow flow = new ProtectionFlow();
    flow.setName(name);
    apply(flow, request);
    store.save(flow);
    return toDto(flow, null);
  }

  public FlowDto update(long id, FlowRequest request) {
    ProtectionFlow flow = find(id);
    String name = Fields.name(request.name());
    if (!name.equals(flow.getName()) && store.byName(name).isPresent()) {
      throw new Refusal(409, "A protection flow named '" + name + "' already exists");
    }
    flow.setName(name);
    apply(flow, request);
    return toDto(flow, runningOf(flow));
  }

  public void delete(long id) {
    ProtectionFlow flow = find(id);
    FlowExecution running = runningOf(flow);
    if (running != null) {
      throw new Refusal(
          409,
          "Flow '"
              + flow.getName()
              + "' is running (execution #"
              + running.getId()
              + "); wait for it to end");
    }
    store.delete(flow);
  }

  /**
   * Enables (next run computed from now: runs missed while disabled are not made up) or disables.
   */
  public FlowDto setEnabled(long id, boolean enabled) {
    ProtectionFlow flow = find(id);
    if (enabled && !flow.isEnabled()) {
      flow.setNextRunAt(planner().firstRun(flow.getCronSchedule(), flow.getTimeZone()));
    }
    flow.setEnabled(enabled);
    return toDto(flow, runningOf(flow));
  }

  public String nameOf(long id) {
    return find(id).getName();
  }

  public FlowSummary summary() {
    List<FlowDto> all = list();
    java.time.Instant missedBefore = clock.instant().minus(SchedulePlanner.DEFAULT_GRACE);
    return new FlowSummary(
        all.size(),
        (int) all.stream().filter(FlowDto::enabled).count(),
        count(all, FlowStatus.DISABLED),
        count(all, FlowStatus.RUNNING) + count(all, FlowStatus.STARTING),
        count(all, FlowStatus.SUCCESS),
        count(all, FlowStatus.WARNING),
        count(all, FlowStatus.FAILED),
        count(all, FlowStatus.NEVER_RUN),
        (int)
            all.stream()
                .filter(
                    f ->
                        f.enabled()
                            && f.nextRunAt() != null
                            && f.nextRunAt().isBefore(missedBefore))
                .count());
  }

  private static int count(List<FlowDto> all, FlowStatus status) {
    return (int) all.stream().filter(f -> f.status() == status).count();
  }

  public List<FlowRunDto> executions(long flowId, int max) {
    return store.executionsOf(find(flowId), max).stream().map(this::toDto).toList();
  }

  public FlowRunDto execution(long executionId) {
    return store
        .execution(executionId)
        .map(this::toDto)
        .orElseThrow(() -> new Refusal(404, "No flow execution with id " + executionId));
  }

  private void apply(ProtectionFlow flow, FlowRequest request) {
    if ((request.targetVmId() == null) == (request.targetGroupId() == null)) {
      throw new Refusal(400, "Give exactly one target: targetVmId or targetGroupId");
    }
    ProtectionGroup group = null;
    VmContext vm = null;
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
            : Optional.ofNullable(em.find(BackupPolicy.class, request.policyId()))
                .orElseThrow(
                    () -> new Refusal(400, "No backup policy with id " + request.policyId())));
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

  static RetentionRules rulesOf(ProtectionFlow f) {
    return new RetentionRules(
        f.getRetentionCount(),
        f.getRetentionDaily(),
        f.getRetentionWeekly(),
        f.getRetentionMonthly(),
        f.getRetentionYearly());
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

  private SchedulePlanner planner() {
    return new SchedulePlanner(clock, SchedulePlanner.DEFAULT_GRACE, true);
  }

  private FlowExecution runningOf(ProtectionFlow flow) {
    return store.runningExecutions().stream()
        .filter(e -> e.getFlow().getId().equals(flow.getId()))
        .findFirst()
        .orElse(null);
  }

  FlowDto toDto(ProtectionFlow f, FlowExecution running) {
    FlowDto.RunningDto run = null;
    FlowStatus status;
    if (running != null) {
      int progress = progress(running);
      boolean starting =
          store.vmRunsOf(running).stream().allMatch(r -> r.getStatus() == VmRunStatus.PENDING);
      run =
          new FlowDto.RunningDto(
              running.getId(),
              running.getVmsTotal(),
              running.getVmsSucceeded(),
              running.getVmsFailed(),
              progress);
      status = starting ? FlowStatus.STARTING : FlowStatus.RUNNING;
    } else if (!f.isEnabled()) {
      status = FlowStatus.DISABLED;
    } else {
      status = FlowStatus.after(f.getLastStatus());
    }
    boolean isVm = f.getTargetVm() != null;
    return new FlowDto(
        f.getId(),
        f.getName(),
        isVm ? "vm" : "group",
        isVm ? f.getTargetVm().getId() : f.getTargetGroup().getId(),
        isVm ? f.getTargetVm().getName() : f.getTargetGroup().getName(),
        f.getRepository().getId(),
        f.getRepository().getName(),
        f.getCronSchedule(),
        f.getTimeZone(),
        f.isEnabled(),
        f.getRetentionCount(),
        rulesOf(f),
        status,
        f.getLastStatus(),
        f.getLastMessage(),
        f.getLastRunAt(),
        f.isEnabled() ? f.getNextRunAt() : null,
        f.getRunsTotal(),
        f.getRunsSucceeded(),
        f.getRunsFailed(),
        run,
        f.getPolicy() == null ? null : f.getPolicy().getId(),
        f.getPolicy() == null ? null : f.getPolicy().getName());
  }

  /** Ended VMs count whole, running ones by their latest telemetry. */
  int progress(FlowExecution e) {
    if (e.getVmsTotal() == 0) {
      return e.isEnded() ? 100 : 0;
    }
    double done = e.getVmsSucceeded() + e.getVmsFailed();
    List<FlowExecutionVm> runs = store.vmRunsOf(e);
    Map<Long, MachineStore.Progress> byVm =
        machines.progressOfExecution(e.getId()).stream()
            .collect(Collectors.toMap(MachineStore.Progress::vmId, p -> p, (a, b) -> b));
    for (FlowExecutionVm run : runs) {
      if (run.getStatus() == VmRunStatus.RUNNING && run.getVmContext() != null) {
        MachineStore.Progress p = byVm.get(run.getVmContext().getId());
        if (p != null && p.bytesTotal() > 0) {
          done += Math.min(1.0, (double) p.bytesDone() / p.bytesTotal());
        }
      }
    }
    return (int) Math.min(100, Math.round(done * 100 / e.getVmsTotal()));
  }

  FlowRunDto toDto(FlowExecution e) {
    List<FlowRunDto.VmRun> runs =
        store.vmRunsOf(e).stream()
            .map(
                r ->
                    new FlowRunDto.VmRun(
                        r.getVmContext() == null ? null : r.getVmContext().getId(),
                        r.getVmName(),
                        r.getStatus().name(),
                        r.getJobId(),
                        r.getJobExecutionId(),
                        r.getBackupId(),
                        r.getMessage(),
                        r.getStartedAt(),
                        r.getCompletedAt()))
            .toList();
    return new FlowRunDto(
        e.getId(),
        e.getFlow().getId(),
        e.getFlow().getName(),
        e.getTriggerKind().name(),
        e.getTriggeredBy(),
        e.getStatus().name(),
        e.getStartedAt(),
        e.getCompletedAt(),
        e.getVmsTotal(),
        e.getVmsSucceeded(),
        e.getVmsFailed(),
        e.isEnded() ? 100 : progress(e),
        e.getMessage(),
        runs);
  }

  private ProtectionFlow find(long id) {
    return store.byId(id).orElseThrow(() -> new Refusal(404, "No protection flow with id " + id));
  }
}
