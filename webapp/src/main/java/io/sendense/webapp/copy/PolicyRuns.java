package io.sendense.webapp.copy;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.backup.CopyStore;
import io.sendense.persistence.backup.JobKind;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.policy.BackupPolicy;
import io.sendense.persistence.policy.CopyRule;
import io.sendense.persistence.policy.PolicyStore;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.retention.RetentionPlanner;
import io.sendense.webapp.retention.RetentionRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.ZoneId;
import java.util.logging.Logger;

/** What the copy rules make of one ended job, in one transaction. */
@ApplicationScoped
public class PolicyRuns {
  private static final Logger LOG = Logger.getLogger(PolicyRuns.class.getName());

  @Inject BackupJobStore jobs;
  @Inject CopyService copies;
  @Inject CopyStore queries;
  @Inject BackupStore backups;
  @Inject PolicyStore policies;
  @Inject java.time.Clock clock;

  /**
   * @param retentionRule the rule whose retention applies now (a completed copy by a rule), or null
   * @param vmId the VM of the job
   * @param flowId the flow whose history records that retention: the flow of the copied point (null
   *     when that point is gone or came from no flow)
   */
  public record Outcome(Long retentionRule, long vmId, Long flowId) {}

  /**
   * The copies a rule made of a VM that its retention no longer keeps, oldest first (manually
   * locked ones stay; immutable ones are refused by the removal, which says so).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public java.util.List<Long> removableCopies(long ruleId, long vmId) {
    CopyRule rule = policies.rule(ruleId).orElse(null);
    if (rule == null) {
      return java.util.List.of();
    }
    RetentionRules rules =
        new RetentionRules(
            rule.getRetentionLast(),
            rule.getRetentionDaily(),
            rule.getRetentionWeekly(),
            rule.getRetentionMonthly(),
            rule.getRetentionYearly());
    if (rules.keepsAll()) {
      return java.util.List.of();
    }
    java.util.List<Backup> points = queries.copiesOfRule(ruleId, vmId);
    return new RetentionPlanner(clock)
            .plan(
                points.stream()
                    .map(b -> new RetentionPlanner.Point(b.getId(), b.getStartedAt()))
                    .toList(),
                rules,
                java.time.ZoneOffset.UTC)
            .removable()
            .stream()
            .map(RetentionPlanner.Point::id)
            .filter(id -> points.stream().noneMatch(b -> b.getId() == id && b.isLocked()))
            .toList();
  }

  /** Queues the copies a completed backup makes due; says which copy retention applies. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Outcome afterJob(long jobId) {
    BackupJob job = jobs.byId(jobId).orElse(null);
    if (job == null || job.getBackup() == null) {
      return new Outcome(null, 0, null);
    }
    long vm = job.getVm().getId();
    if (job.getJobKind() == JobKind.COPY) {
      return new Outcome(job.getCopyRuleId(), vm, flowOf(job.getCopySourceBackupId()));
    }
    if (job.getFlowExecution() == null) {
      return new Outcome(null, vm, null);
    }
    ProtectionFlow flow = job.getFlowExecution().getFlow();
    BackupPolicy policy = flow.getPolicy();
    if (policy == null) {
      return new Outcome(null, vm, null);
    }
    Backup point = job.getBackup();
    ZoneId zone = ZoneId.of(flow.getTimeZone());
    for (CopyRule rule : policy.getRules()) {
      boolean due =
          CopyRules.due(
              rule.getRunWhen(),
              queries.lastCopyQueued(rule.getId(), vm).orElse(null),
              point.getStartedAt(),
              zone);
      if (!due) {
        continue;
      }
      try {
        long copyJob =
            copies.queue(
                point.getId(),
                rule.getRepository().getId(),
                rule.getId(),
                rule.getMode(),
                "policy " + policy.getName());
        LOG.info(
            () ->
                "Policy '"
                    + policy.getName()
                    + "' queued copy job "
                    + copyJob
                    + " of point "
                    + point.getId());
      } catch (Refusal e) {
        LOG.warning(
            () ->
                "Policy '"
                    + policy.getName()
                    + "' did not copy point "
                    + point.getId()
                    + ": "
                    + e.getMessage());
      }
    }
    return new Outcome(null, vm, null);
  }

  private Long flowOf(Long backupId) {
    Backup source = backupId == null ? null : backups.byId(backupId).orElse(null);
    if (source == null || source.getFlowExecution() == null) {
      return null;
    }
    return source.getFlowExecution().getFlow().getId();
  }
}
