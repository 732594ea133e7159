package io.sendense.webapp.backup;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobStatus;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records what happens to backup jobs, each change in its own transaction: queued, waiting,
 * started, ended. Fires {@link BackupJobEnded} inside the transaction that records the end.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class JobLedger {
  /** Said of a job whose hub died in the middle of its transfer step. */
  public static final String HUB_STOPPED_IN_TRANSFER_MESSAGE =
      "The hub stopped during this job's transfer. The batch runtime cannot restart an interrupted"
          + " partitioned step, so abandon this job (its partial files are deleted) and back the VM"
          + " up again; the stale snapshot is removed by the next backup";

  static final String HUB_STOPPED_MESSAGE =
      "The hub stopped while this job ran; restart it from the Jobs console to continue from its"
          + " last checkpoint";

  @Inject BackupJobStore jobs;
  @Inject BackupStore backups;
  @Inject Event<BackupJobEnded> ended;
  @Inject Event<JobQueued> queued;

  /** A queued job as the dispatcher sees it. */
  public record Pending(
      JobLimits.Slot slot, Long jobInstanceId, Long lastExecutionId, String requestedType) {}

  /** A job the batch runtime runs. */
  public record Running(JobLimits.Slot slot, long jobExecutionId, Long jobInstanceId) {}

  public List<Pending> queued() {
    return jobs.inStatus(List.of(BackupJobStatus.QUEUED)).stream()
        .map(
            j ->
                new Pending(
                    slot(j), j.getJobInstanceId(), j.getJobExecutionId(), j.getRequestedType()))
        .toList();
  }

  public List<Running> running() {
    return jobs.inStatus(List.of(BackupJobStatus.RUNNING)).stream()
        .filter(j -> j.getJobExecutionId() != null)
        .map(j -> new Running(slot(j), j.getJobExecutionId(), j.getJobInstanceId()))
        .toList();
  }

  public void waiting(long jobId, String reason) {
    BackupJob job = job(jobId);
    if (job.getStatus() == BackupJobStatus.QUEUED && !reason.equals(job.getWaitReason())) {
      job.setWaitReason(reason);
    }
  }

  public void started(long jobId, long jobExecutionId, long jobInstanceId) {
    BackupJob job = job(jobId);
    job.setStatus(BackupJobStatus.RUNNING);
    job.setWaitReason(null);
    job.setErrorMessage(null);
    job.setJobExecutionId(jobExecutionId);
    job.setJobInstanceId(jobInstanceId);
    job.setExecutions(job.getExecutions() + 1);
    job.setStartedAt(Instant.now());
    job.setEndedAt(null);
    job.setPhase("PREPARE");
    backups.byJobInstance(jobInstanceId).ifPresent(b -> link(job, b));
  }

  /** The batch runtime refused to start (or restart) the job. */
  public void notStarted(long jobId, String reason) {
    BackupJob job = job(jobId);
    job.setWaitReason(null);
    end(job, BackupJobStatus.FAILED, reason);
  }

  /**
   * The execution ended with {@code batchStatus}; marks the job and, unless it completed, its
   * backup FAILED (never a parent).
   */
  /** Returns whether the job completed. */
  public boolean ended(long jobId, String batchStatus, String exitStatus) {
    BackupJob job = job(jobId);
    Optional<Backup> backup =
        job.getJobInstanceId() == null
            ? Optional.empty()
            : backups.byJobInstance(job.getJobInstanceId());
    backup.ifPresent(b -> link(job, b));
    boolean complete =
        "COMPLETED".equals(batchStatus)
            && backup.map(b -> b.getStatus() == BackupStatus.COMPLETE).orElse(false);
    BackupJobStatus status =
        complete
            ? BackupJobStatus.COMPLETED
            : switch (batchStatus) {
              case "STOPPED" -> BackupJobStatus.STOPPED;
              case "ABANDONED" -> BackupJobStatus.ABANDONED;
              default -> BackupJobStatus.FAILED;
            };
    String error = complete ? null : error(batchStatus, exitStatus, backup);
    backup
        .filter(b -> !complete && b.getStatus() == BackupStatus.RUNNING)
        .ifPresent(
            b -> {
              b.setStatus(BackupStatus.FAILED);
              b.setErrorMessage(error);
              b.setCompletedAt(Instant.now());
              backups.disksOf(b).stream()
                  .filter(d -> d.getStatus() == BackupStatus.RUNNING)
                  .forEach(d -> d.setStatus(BackupStatus.FAILED));
            });
    job.setPhase(complete ? "COMPLETE" : "FAILED");
    end(job, status, error);
    return complete;
  }

  /** The latest executions of older failed or stopped jobs a completed job makes pointless. */
  public List<Long> supersededBy(long jobId) {
    return jobs.supersededBy(job(jobId)).stream().map(BackupJob::getJobExecutionId).toList();
  }

  /** Puts a failed or stopped job back in the queue; the dispatcher restarts its execution. */
  public void requeue(long jobId) {
    BackupJob job = job(jobId);
    job.setStatus(BackupJobStatus.QUEUED);
    job.setWaitReason("Restart requested; waiting for a free slot");
    job.setEndedAt(null);
    queued.fire(new JobQueued(jobId));
  }

  /** A queued job that is given up before it started. */
  public void cancelled(long jobId, String by) {
    BackupJob job = job(jobId);
    job.setWaitReason(null);
    end(job, BackupJobStatus.ABANDONED, "Cancelled by " + by + " before it started");
  }

  public void abandoned(long jobId) {
    BackupJob job = job(jobId);
    job.setStatus(BackupJobStatus.ABANDONED);
  }

  private void end(BackupJob job, BackupJobStatus status, String error) {
    job.setStatus(status);
    job.setEndedAt(Instant.now());
    job.setErrorMessage(error);
    ended.fire(
        new BackupJobEnded(
            job.getId(),
            job.getJobExecutionId(),
            job.getVmContext().getId(),
            job.getFlowExecution() == null ? null : job.getFlowExecution().getId(),
            job.getBackup() == null ? null : job.getBackup().getId(),
            status.name(),
            error));
  }

  private static String error(String batchStatus, String exitStatus, Optional<Backup> backup) {
    if (BatchRepair.EXIT_STATUS.equals(exitStatus)) {
      return HUB_STOPPED_MESSAGE;
    }
    if (BatchRepair.EXIT_STATUS_TRANSFER.equals(exitStatus)) {
      return HUB_STOPPED_IN_TRANSFER_MESSAGE;
    }
    return backup
        .map(Backup::getErrorMessage)
        .filter(m -> m != null && !m.isBlank())
        .orElse(
            "The job ended "
                + batchStatus
                + (exitStatus == null || exitStatus.equals(batchStatus)
                    ? ""
                    : " (" + exitStatus + ")"));
  }

  private static void link(BackupJob job, Backup backup) {
    job.setBackup(backup);
    if (backup.getFlowExecution() == null && job.getFlowExecution() != null) {
      backup.setFlowExecution(job.getFlowExecution());
    }
  }

  private BackupJob job(long id) {
    return jobs.byId(id)
        .orElseThrow(() -> new IllegalArgumentException("No backup job with id " + id));
  }

  private static JobLimits.Slot slot(BackupJob j) {
    var source = j.getVmContext().getSource();
    return new JobLimits.Slot(
        j.getId(),
        j.getVmContext().getId(),
        j.getRepository().getId(),
        j.getRepository().getName(),
        source.getId(),
        source.getName());
  }
}
