package io.sendense.batch.backup;

import io.sendense.batch.ExitStatus;
import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.SourcePort;
import io.sendense.batch.port.TelemetrySink;
import io.sendense.plugin.api.source.SourceSession;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens and closes every execution of {@code backup-vm}: registers the shared {@link BackupRun}
 * before the first step, and after the last one, whatever happened, removes the snapshot if it is
 * still there, closes the source session and the repository, and marks the backup failed unless
 * finalize completed it. Partial images stay for a restart.
 */
@Dependent
@Named
public class BackupVmJobListener implements JobListener {
  private static final Logger LOG = Logger.getLogger(BackupVmJobListener.class.getName());
  private static final Duration PUSH_INTERVAL = Duration.ofSeconds(3);

  @Inject JobContext jobContext;
  @Inject BackupRuns runs;
  @Inject CatalogPort catalog;
  @Inject TelemetrySink telemetry;
  @Inject SourcePort sources;

  @Inject
  @BatchProperty(name = "vmId")
  String vmId;

  @Override
  public void beforeJob() {
    long execution = jobContext.getExecutionId();
    ProgressTracker progress =
        ProgressTracker.inBackground(execution, vmId, telemetry, Clock.systemUTC(), PUSH_INTERVAL);
    BackupRun run = new BackupRun(execution, jobContext.getInstanceId(), progress);
    runs.add(run);
    // The login to the source overlaps the prepare step; the snapshot step takes the session.
    run.openSessionInBackground(sources, vmId);
    catalog
        .backupOfJob(jobContext.getInstanceId())
        .ifPresent(
            b -> {
              run.backup(b);
              catalog.backupRestarted(b.backupId(), execution);
            });
  }

  @Override
  public void afterJob() {
    BackupRun run = runs.remove(jobContext.getExecutionId());
    if (run == null) {
      return;
    }
    SnapshotReleaser.release(run);
    awaitConfig(run);
    closeSession(run.sessionIfOpen());
    closeSession(run.sessionNotTaken());
    closeStore(run);
    if (run.complete()) {
      run.progress().finish(BackupPhase.COMPLETE);
      logTimeline(run);
      return;
    }
    BackupRecord backup = run.backupIfKnown();
    String reason =
        run.failure() != null
            ? run.failure()
            : "job ended with status " + jobContext.getBatchStatus();
    run.progress().finish(BackupPhase.FAILED);
    logTimeline(run);
    // The exit status carries the reason to the host also when no backup was recorded yet (a
    // failed prepare).
    jobContext.setExitStatus(ExitStatus.of(reason));
    if (backup != null) {
      try {
        catalog.failBackup(backup.backupId(), reason);
      } catch (RuntimeException e) {
        LOG.log(
            Level.SEVERE,
            "Could not mark backup "
                + backup.backupId()
                + " failed; it stays RUNNING in the catalog",
            e);
      }
    }
    LOG.warning(() -> "Backup of VM " + vmId + " failed: " + reason);
  }

  private void logTimeline(BackupRun run) {
    LOG.info(
        () ->
            "Backup of VM "
                + vmId
                + ", job execution "
                + run.executionId()
                + ", "
                + run.progress().timeline());
  }

  /** The VM configuration is written to the repository in the background: before it is closed. */
  private static void awaitConfig(BackupRun run) {
    try {
      run.configRecorded();
    } catch (IOException | RuntimeException e) {
      run.noteFailure("recording the VM configuration", e);
    }
  }

  private static void closeStore(BackupRun run) {
    try {
      run.closeStore();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Closing the repository failed", e);
    }
  }

  private static void closeSession(SourceSession session) {
    if (session == null) {
      return;
    }
    try {
      session.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Closing the source session failed", e);
    }
  }
}
