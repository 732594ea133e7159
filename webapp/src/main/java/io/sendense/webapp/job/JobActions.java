package io.sendense.webapp.job;

import io.sendense.batch.backup.FailedBackupFiles;
import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.BackupStatus;
import io.sendense.image.store.ImageStore;
import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobStatus;
import io.sendense.persistence.backup.JobEndReason;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.backup.HubCatalogPort;
import io.sendense.webapp.backup.JobLedger;
import io.sendense.webapp.backup.SupersededJobs;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.repository.RepositoryService;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.security.SystemCaller;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the console may do to a job, each audited: stop a running execution, restart a failed or
 * stopped one (through the queue, so limits hold; it continues its backup from each disk's last
 * checkpoint), abandon one (its partial files are deleted), cancel a queued one. A completed backup
 * abandons the older failed jobs of its VM and repository.
 */
@ApplicationScoped
public class JobActions implements SupersededJobs {
  private static final Logger LOG = Logger.getLogger(JobActions.class.getName());

  @Inject JobService jobs;
  @Inject JobLedger ledger;
  @Inject HubCatalogPort catalog;
  @Inject RepositoryService repositories;
  @Inject AuditService audit;
  @Inject io.sendense.webapp.node.NodeWork nodeWork;

  @RequiresRole(value = Roles.OPERATOR, action = "stop jobs")
  public JobDto stop(long executionId, Caller caller) {
    BackupJob job = latest(executionId);
    require(job.getStatus() == BackupJobStatus.RUNNING, job, "stopped: it is not running");
    if (job.getNode() != null) {
      nodeWork.requestStop(job.getId()); // the node stops it at its next poll
    } else {
      BatchRuntime.getJobOperator().stop(executionId);
    }
    audit.record(
        caller.user(), "job.stop", target(job), AuditService.SUCCESS, caller.remote(), null);
    return jobs.get(job.getId());
  }

  @RequiresRole(value = Roles.OPERATOR, action = "restart jobs")
  public JobDto restart(long executionId, Caller caller) {
    BackupJob job = latest(executionId);
    require(
        job.getStatus() == BackupJobStatus.FAILED || job.getStatus() == BackupJobStatus.STOPPED,
        job,
        "restarted: only failed or stopped jobs can be");
    ledger.requeue(job.getId());
    audit.record(
        caller.user(), "job.restart", target(job), AuditService.SUCCESS, caller.remote(), null);
    return jobs.get(job.getId());
  }

  @RequiresRole(value = Roles.OPERATOR, action = "abandon jobs")
  public JobDto abandon(long executionId, Caller caller) {
    BackupJob job = latest(executionId);
    require(
        job.getStatus() == BackupJobStatus.FAILED || job.getStatus() == BackupJobStatus.STOPPED,
        job,
        "abandoned: only failed or stopped jobs can be");
    abandonInRuntime(job, executionId);
    ledger.abandoned(job.getId());
    List<String> deleted = deletePartials(job);
    audit.record(
        caller.user(),
        "job.abandon",
        target(job),
        AuditService.SUCCESS,
        caller.remote(),
        deleted.size() + " partial file(s) deleted");
    return jobs.get(job.getId());
  }

  /**
   * Once a backup of a VM completed, older failed or stopped jobs of that VM into the same
   * repository are abandoned and their partial files deleted: restarting them would only add an
   * older point after a newer one. The dispatcher calls this after it recorded the completion, from
   * its own thread (never from a transaction callback: see {@code JobDispatcher}).
   */
  @Override
  public void abandonSuperseded(long completedJobId) {
    for (long execution : ledger.supersededBy(completedJobId)) {
      try {
        SystemCaller.run(() -> abandon(execution, Caller.SYSTEM));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Superseded execution " + execution + " not abandoned", e);
      }
    }
  }

  @RequiresRole(value = Roles.OPERATOR, action = "cancel queued jobs")
  public JobDto cancel(long jobId, Caller caller) {
    BackupJob job = jobs.find(jobId);
    require(job.getStatus() == BackupJobStatus.QUEUED, job, "cancelled: it is not queued");
    ledger.cancelled(job.getId(), caller.user());
    // A job queued to resume (after a crash or a restart) has a failed backup with partial images.
    List<String> deleted = deletePartials(job);
    audit.record(
        caller.user(),
        "job.cancel",
        target(job),
        AuditService.SUCCESS,
        caller.remote(),
        deleted.isEmpty() ? null : deleted.size() + " partial file(s) deleted");
    return jobs.get(job.getId());
  }

  /**
   * Tells the batch runtime. An execution the hub was running when it stopped is still STARTED in
   * the runtime's tables (nothing runs it; its job instance is never restarted, a resume is a new
   * instance), and the runtime refuses to abandon it: the hub's ledger is what counts.
   */
  private static void abandonInRuntime(BackupJob job, long executionId) {
    if (job.getNode() != null) {
      return; // a node's execution lives in the node's runtime, which forgets it when it ends
    }
    try {
      BatchRuntime.getJobOperator().abandon(executionId);
    } catch (JobExecutionIsRunningException e) {
      if (job.getEndReason() != JobEndReason.HUB_STOPPED) {
        throw new Refusal(409, "Execution " + executionId + " is still running; stop it first");
      }
      LOG.fine(() -> "Execution " + executionId + " ended with the hub; abandoned in the ledger");
    }
  }

  private List<String> deletePartials(BackupJob job) {
    if (job.getJobInstanceId() == null) {
      return List.of();
    }
    BackupRecord backup = catalog.backupOfJob(job.getJobInstanceId()).orElse(null);
    if (backup == null || backup.status() != BackupStatus.FAILED) {
      return List.of();
    }
    try (ImageStore store = repositories.openStore(job.getRepository().getId())) {
      return FailedBackupFiles.delete(store, backup);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Partial files of abandoned backup " + backup.backupId() + " kept", e);
      return List.of();
    }
  }

  private BackupJob latest(long executionId) {
    BackupJob job = jobs.jobOfExecution(executionId);
    if (!Long.valueOf(executionId).equals(job.getJobExecutionId())) {
      throw new Refusal(
          409,
          "Execution "
              + executionId
              + " is not the latest of its job; use execution "
              + job.getJobExecutionId());
    }
    return job;
  }

  private static void require(boolean ok, BackupJob job, String what) {
    if (!ok) {
      throw new Refusal(409, "Job " + job.getId() + " (" + job.getStatus() + ") cannot be " + what);
    }
  }

  private static String target(BackupJob job) {
    return "job " + job.getId() + " of VM " + job.getVm().getName();
  }
}
