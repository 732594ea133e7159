package io.sendense.persistence.flow;

import io.sendense.persistence.common.CatalogEntity;
import io.sendense.persistence.common.Columns;
import io.sendense.persistence.group.ProtectionGroup;
import io.sendense.persistence.policy.BackupPolicy;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Vm;
import jakarta.persistence.*;
import java.time.Instant;

/** Protects one VM or one group into one repository, on a cron schedule or manually. */
@Entity
@Table(name = "protection_flows")
@NamedQueries({
  @NamedQuery(
      name = "ProtectionFlow.all",
      query = "SELECT f FROM ProtectionFlow f ORDER BY f.name"),
  @NamedQuery(
      name = "ProtectionFlow.byName",
      query = "SELECT f FROM ProtectionFlow f WHERE f.name = :name"),
  @NamedQuery(
      name = "ProtectionFlow.due",
      query =
          "SELECT f FROM ProtectionFlow f WHERE f.enabled = TRUE AND f.nextRunAt <= :now ORDER BY f.nextRunAt")
})
public class ProtectionFlow extends CatalogEntity {

  @Column(name = "name", nullable = false)
  private String name;

  @ManyToOne(fetch = FetchType.LAZY, optional = true)
  @JoinColumn(name = "target_vm_id")
  private Vm targetVm;

  @ManyToOne(fetch = FetchType.LAZY, optional = true)
  @JoinColumn(name = "target_group_id")
  private ProtectionGroup targetGroup;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "repository_id")
  private Repository repository;

  /** The node this flow's backups run on, unless its repository names one; null: no choice. */
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "node_id")
  private io.sendense.persistence.node.Node node;

  @Column(name = "cron_schedule")
  private String cronSchedule;

  @Column(name = "time_zone")
  private String timeZone = "UTC";

  @Column(name = "enabled")
  private boolean enabled = true;

  @Column(name = "retention_count")
  private Integer retentionCount;

  @Column(name = "retention_daily")
  private Integer retentionDaily;

  @Column(name = "retention_weekly")
  private Integer retentionWeekly;

  @Column(name = "retention_monthly")
  private Integer retentionMonthly;

  @Column(name = "retention_yearly")
  private Integer retentionYearly;

  @Column(name = "last_run_at")
  private Instant lastRunAt;

  @Column(name = "next_run_at")
  private Instant nextRunAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "last_status")
  private ExecutionStatus lastStatus;

  @Column(name = "last_message")
  private String lastMessage;

  @Column(name = "runs_total")
  private int runsTotal;

  @Column(name = "runs_succeeded")
  private int runsSucceeded;

  @Column(name = "runs_failed")
  private int runsFailed;

  @Column(name = "created_at")
  private Instant createdAt = Instant.now();

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Vm getTargetVm() {
    return targetVm;
  }

  public void setTargetVm(Vm targetVm) {
    this.targetVm = targetVm;
  }

  public ProtectionGroup getTargetGroup() {
    return targetGroup;
  }

  public void setTargetGroup(ProtectionGroup targetGroup) {
    this.targetGroup = targetGroup;
  }

  public io.sendense.persistence.node.Node getNode() {
    return node;
  }

  public void setNode(io.sendense.persistence.node.Node node) {
    this.node = node;
  }

  public Repository getRepository() {
    return repository;
  }

  public void setRepository(Repository repository) {
    this.repository = repository;
  }

  public String getCronSchedule() {
    return cronSchedule;
  }

  public void setCronSchedule(String cronSchedule) {
    this.cronSchedule = cronSchedule;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getRetentionCount() {
    return retentionCount;
  }

  public void setRetentionCount(Integer retentionCount) {
    this.retentionCount = retentionCount;
  }

  public Instant getLastRunAt() {
    return lastRunAt;
  }

  public void setLastRunAt(Instant lastRunAt) {
    this.lastRunAt = lastRunAt;
  }

  public Instant getNextRunAt() {
    return nextRunAt;
  }

  public void setNextRunAt(Instant nextRunAt) {
    this.nextRunAt = nextRunAt;
  }

  public ExecutionStatus getLastStatus() {
    return lastStatus;
  }

  public void setLastStatus(ExecutionStatus lastStatus) {
    this.lastStatus = lastStatus;
  }

  /** Why the last execution ended as it did (null when it succeeded). */
  public String getLastMessage() {
    return lastMessage;
  }

  public void setLastMessage(String lastMessage) {
    this.lastMessage = Columns.fit(lastMessage, 2000);
  }

  public int getRunsTotal() {
    return runsTotal;
  }

  public void setRunsTotal(int runsTotal) {
    this.runsTotal = runsTotal;
  }

  public int getRunsSucceeded() {
    return runsSucceeded;
  }

  public void setRunsSucceeded(int runsSucceeded) {
    this.runsSucceeded = runsSucceeded;
  }

  public int getRunsFailed() {
    return runsFailed;
  }

  public void setRunsFailed(int runsFailed) {
    this.runsFailed = runsFailed;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }

  public Integer getRetentionDaily() {
    return retentionDaily;
  }

  public void setRetentionDaily(Integer retentionDaily) {
    this.retentionDaily = retentionDaily;
  }

  public Integer getRetentionWeekly() {
    return retentionWeekly;
  }

  public void setRetentionWeekly(Integer retentionWeekly) {
    this.retentionWeekly = retentionWeekly;
  }

  public Integer getRetentionMonthly() {
    return retentionMonthly;
  }

  public void setRetentionMonthly(Integer retentionMonthly) {
    this.retentionMonthly = retentionMonthly;
  }

  public Integer getRetentionYearly() {
    return retentionYearly;
  }

  public void setRetentionYearly(Integer retentionYearly) {
    this.retentionYearly = retentionYearly;
  }

  @ManyToOne(fetch = FetchType.LAZY, optional = true)
  @JoinColumn(name = "policy_id")
  private BackupPolicy policy;

  /** The backup policy whose copy rules apply to the flow's points, or null. */
  public BackupPolicy getPolicy() {
    return policy;
  }

  public void setPolicy(BackupPolicy policy) {
    this.policy = policy;
  }
}
