package io.sendense.persistence.policy;

import io.sendense.persistence.common.CatalogEntity;
import io.sendense.persistence.repository.Repository;
import jakarta.persistence.*;

/** One copy rule of a policy: target repository, when, how, and the copies' own retention. */
@Entity
@Table(name = "copy_rules")
public class CopyRule extends CatalogEntity {

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "policy_id")
  private BackupPolicy policy;

  @Column(name = "position")
  private int position;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "repository_id")
  private Repository repository;

  @Enumerated(EnumType.STRING)
  @Column(name = "run_when", nullable = false)
  private CopyWhen runWhen = CopyWhen.EVERY_POINT;

  @Enumerated(EnumType.STRING)
  @Column(name = "copy_mode", nullable = false)
  private CopyMode mode = CopyMode.INCREMENTAL;

  @Column(name = "retention_last")
  private Integer retentionLast;

  @Column(name = "retention_daily")
  private Integer retentionDaily;

  @Column(name = "retention_weekly")
  private Integer retentionWeekly;

  @Column(name = "retention_monthly")
  private Integer retentionMonthly;

  @Column(name = "retention_yearly")
  private Integer retentionYearly;

  public BackupPolicy getPolicy() {
    return policy;
  }

  public void setPolicy(BackupPolicy policy) {
    this.policy = policy;
  }

  public int getPosition() {
    return position;
  }

  public void setPosition(int position) {
    this.position = position;
  }

  public Repository getRepository() {
    return repository;
  }

  public void setRepository(Repository repository) {
    this.repository = repository;
  }

  public CopyWhen getRunWhen() {
    return runWhen;
  }

  public void setRunWhen(CopyWhen runWhen) {
    this.runWhen = runWhen;
  }

  public CopyMode getMode() {
    return mode;
  }

  public void setMode(CopyMode mode) {
    this.mode = mode;
  }

  public Integer getRetentionLast() {
    return retentionLast;
  }

  public void setRetentionLast(Integer retentionLast) {
    this.retentionLast = retentionLast;
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
}
