package io.sendense.persistence.backup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One batch execution a job ran. A job resumed after a hub crash runs as a new batch job instance,
 * so the job's executions span instances; this keeps them all, for the console. A node's execution
 * also keeps the node's last report of it, since the node's runtime forgets it.
 */
@Entity
@Table(name = "backup_job_executions")
@NamedQueries({
  @NamedQuery(
      name = "BackupJobExecution.ofJob",
      query =
          "SELECT e FROM BackupJobExecution e WHERE e.job = :job"
              + " ORDER BY e.startedAt DESC, e.id DESC"),
  @NamedQuery(
      name = "BackupJobExecution.byExecution",
      query = "SELECT e FROM BackupJobExecution e WHERE e.jobExecutionId = :execution")
})
public class BackupJobExecution {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "job_id")
  private BackupJob job;

  @Column(name = "job_instance_id", nullable = false)
  private long jobInstanceId;

  @Column(name = "job_execution_id", nullable = false)
  private long jobExecutionId;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  /** What the node that ran it last reported of it (JSON); null for the hub's own executions. */
  @Column(name = "node_report")
  private String nodeReport;

  protected BackupJobExecution() {}

  public BackupJobExecution(
      BackupJob job, long jobInstanceId, long jobExecutionId, Instant startedAt) {
    this.job = job;
    this.jobInstanceId = jobInstanceId;
    this.jobExecutionId = jobExecutionId;
    this.startedAt = startedAt;
  }

  public Long getId() {
    return id;
  }

  public BackupJob getJob() {
    return job;
  }

  public long getJobInstanceId() {
    return jobInstanceId;
  }

  public long getJobExecutionId() {
    return jobExecutionId;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public String getNodeReport() {
    return nodeReport;
  }
}
