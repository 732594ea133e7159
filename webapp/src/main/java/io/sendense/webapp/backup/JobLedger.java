package io.sendense.webapp.backup;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobPhase;
import io.sendense.persistence.backup.BackupJobStatus;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.backup.JobEndReason;
import io.sendense.persistence.backup.JobKind;
import io.sendense.persistence.node.Placement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records what happens to backup jobs, each change in its own transaction: queued, waiting,
 * started, ended. Fires {@link BackupJobEnded} inside the transaction that records the end.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class JobLedger {
  static final String HUB_STOPPED_MESSAGE =
      "The hub stopped while this job ran; restart it to continue from each disk's last checkpoint";
  static final String HUB_STOPPED_RESUMING_MESSAGE =
      "The hub stopped while this job ran; it resumes by itself from each disk's last checkpoint";

  @Inject BackupJobStore jobs;
  @Inject BackupStore backups;
  @Inject Event<BackupJobEnded> ended;
  @Inject Event<JobQueued> queued;
  @Inject Event<JobChanged> changed;
  @Inject Clock clock;

  /**
   * A queued job as the dispatcher sees it.
   *
   * @param resumeBackupId the backup an earlier execution of the job left unfinished, which the new
   *     execution continues; null to start afresh
   */
  public record Pending(
      JobLimits.Slot slot,
      Long resumeBackupId,
      String requestedType,
      JobKind kind,
      Long copySourceBackupId,
      Long copyRuleId,
      String copyMode) {}

  /** A job the batch runtime runs. */
  public record Running(JobLimits.Slot slot, long jobExecutionId, Long jobInstanceId) {}

  /** Queued jobs the hub's batch runtime runs (a backup placed on a node queues for it). */
  public List<Pending> queued() {
    return jobs.inStatus(List.of(BackupJobStatus.QUEUED)).stream()
        .filter(j -> j.getJobKind() != JobKind.BACKUP || Placement.of(j) == null)
        .map(
            j ->
                new Pending(
                    slot(j),
                    resumable(j),
                    j.getRequestedType(),
                    j.getJobKind(),
                    j.getCopySourceBackupId(),
                    j.getCopyRuleId(),
                    j.getCopyMode()))
        .toList();
  }

  /** Jobs the hub's batch runtime runs. */
  public List<Running> running() {
    return jobs.inStatus(List.of(BackupJobStatus.RUNNING)).stream()
        .filter(j -> j.getJobExecutionId() != null && j.getNode() == null)
        .map(j -> new Running(slot(j), j.getJobExecutionId(), j.getJobInstanceId()))
        .toList();
  }

  public void waiting(long jobId, String reason) {
    BackupJob job = job(jobId);
    if (job.getStatus() == BackupJobStatus.QUEUED && !reason.equals(job.getWaitReason())) {
      job.setWaitReason(reason);
      changed.fire(new JobChanged());
    }
  }

  public void started(long jobId, long jobExecutionId, long jobInstanceId) {
    // Before the job is read, so the managed copy holds the cleared progress.
    jobs.resetProgress(jobId);
    BackupJob job = job(jobId);
    job.setStatus(BackupJobStatus.RUNNING);
    job.setWaitReason(null);
    job.setErrorMessage(null);
    job.setEndReason(null);
    job.setJobExecutionId(jobExecutionId);
    job.setJobInstanceId(jobInstanceId);
    job.setExecutions(job.getExecutions() + 1);
    job.setStartedAt(clock.instant());
    job.setEndedAt(null);
    job.setPhase(BackupJobPhase.PREPARE);
    jobs.executionStarted(job, jobInstanceId, jobExecutionId, clock.instant());
    backups.byJobInstance(jobInstanceId).ifPresent(b -> link(job, b));
    changed.fire(new JobChanged());
  }

  /** The batch runtime refused to start (or restart) the job. */
  public void notStarted(long jobId, String reason) {
    BackupJob job = job(jobId);
    job.setWaitReason(null);
    end(job, BackupJobStatus.FAILED, JobEndReason.NOT_STARTED, reason);
  }

  /**
   * The execution ended with {@code batchStatus}; marks the job and, unless it completed, its
   * backup FAILED (never a parent). Returns whether the job completed.
   */
  public boolean ended(long jobId, String batchStatus, String exitStatus) {
    BackupJob job = job(jobId);
    Optional<Backup> backup = backupOf(job);
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
    failBackup(backup, error);
    job.setPhase(complete ? BackupJobPhase.COMPLETE : BackupJobPhase.FAILED);
    end(job, status, JobEndReason.RUNTIME, error);
    return complete;
  }

  /**
   * Jobs this hub's ledger shows running when the hub starts: the process that ran them is gone,
   * and their backups are marked FAILED (never parents). With {@code resume}, each job the hub has
   * not resumed before goes back into the queue to continue where it was: it has not ended, so no
   * {@link BackupJobEnded} is fired for it. The others end FAILED ({@link
   * JobEndReason#HUB_STOPPED}) for the console's restart. Returns the ids of the jobs queued again.
   */
  public List<Long> hubStopped(boolean resume) {
    List<Long> resumed = new ArrayList<>();
    for (BackupJob job : jobs.inStatus(List.of(BackupJobStatus.RUNNING))) {
      if (job.getNode() != null) {
        continue; // a node runs it, not this process
      }
      boolean again = resume && !job.isAutoResumed();
      String error = again ? HUB_STOPPED_RESUMING_MESSAGE : HUB_STOPPED_MESSAGE;
      failBackup(backupOf(job), error);
      job.setPhase(BackupJobPhase.FAILED);
      if (again) {
        job.setAutoResumed(true);
        job.setEndReason(JobEndReason.HUB_STOPPED);
        job.setErrorMessage(error);
        requeue(job, "Resuming after the hub stopped; waiting for a free slot");
        resumed.add(job.getId());
      } else {
        end(job, BackupJobStatus.FAILED, JobEndReason.HUB_STOPPED, error);
      }
    }
    return resumed;
  }

  /**
   * A node's job that its node stopped reporting on: it fails with {@code reason}, and its backup
   * is marked FAILED (never a parent). Returns false if the job was not running any more.
   */
  public boolean nodeLost(long jobId, String reason) {
    BackupJob job = job(jobId);
    if (job.getStatus() != BackupJobStatus.RUNNING) {
      return false;
    }
    failBackup(backupOf(job), reason);
    job.setPhase(BackupJobPhase.FAILED);
    end(job, BackupJobStatus.FAILED, JobEndReason.NODE_LOST, reason);
    return true;
  }

  /** The latest executions of older failed or stopped jobs a completed job makes pointless. */
  public List<Long> supersededBy(long jobId) {
    return jobs.supersededBy(job(jobId)).stream().map(BackupJob::getJobExecutionId).toList();
  }

  /** Puts a failed or stopped job back in the queue; the dispatcher resumes its backup. */
  public void requeue(long jobId) {
    requeue(job(jobId), "Restart requested; waiting for a free slot");
  }

  /** A queued job that is given up before it started. */
  public void cancelled(long jobId, String by) {
    BackupJob job = job(jobId);
    job.setWaitReason(null);
    end(
        job,
        BackupJobStatus.ABANDONED,
        JobEndReason.CANCELLED,
        "Cancelled by " + by + " before it started");
  }

  public void abandoned(long jobId) {
    BackupJob job = job(jobId);
    job.setStatus(BackupJobStatus.ABANDONED);
  }

  private void requeue(BackupJob job, String why) {
    job.setStatus(BackupJobStatus.QUEUED);
    job.setNode(null); // it runs where it is placed now
    job.setWaitReason(why);
    job.setEndedAt(null);
    queued.fire(new JobQueued(job.getId()));
  }

  private Optional<Backup> backupOf(BackupJob job) {
    Optional<Backup> backup =
        job.getJobInstanceId() == null
            ? Optional.empty()
            : backups.byJobInstance(job.getJobInstanceId());
    backup.ifPresent(b -> link(job, b));
    return backup;
  }

  private void failBackup(Optional<Backup> backup, String error) {
    backup
        .filter(b -> b.getStatus() == BackupStatus.RUNNING)
        .ifPresent(b -> backups.markFailed(b, error, clock.instant()));
  }

  /** The backup a restarted job continues: one its earlier executions left unfinished. */
  private static Long resumable(BackupJob job) {
    Backup backup = job.getBackup();
    return backup != null && backup.getStatus() != BackupStatus.COMPLETE ? backup.getId() : null;
  }

  private void end(BackupJob job, BackupJobStatus status, JobEndReason reason, String error) {
    job.setStatus(status);
    job.setEndReason(reason);
    job.setEndedAt(clock.instant());
    job.setErrorMessage(error);
    ended.fire(
        new BackupJobEnded(
            job.getId(),
            job.getJobExecutionId(),
            job.getVm().getId(),
            job.getFlowExecution() == null ? null : job.getFlowExecution().getId(),
            job.getBackup() == null ? null : job.getBackup().getId(),
            status.name(),
            error));
  }

  private static String error(String batchStatus, String exitStatus, Optional<Backup> backup) {
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
    var source = j.getVm().getSource();
    return new JobLimits.Slot(
        j.getId(),
        j.getVm().getId(),
        j.getRepository().getId(),
        j.getRepository().getName(),
        source.getId(),
        source.getName());
  }
}
