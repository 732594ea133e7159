package io.sendense.batch.restore;

import io.sendense.batch.ExitStatus;
import io.sendense.batch.restore.port.RestoreCatalogPort;
import io.sendense.batch.restore.port.RestorePhase;
import io.sendense.batch.restore.port.RestoreRequest;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.plugin.api.source.VmRestore;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens and closes every execution of {@code restore-vm}: registers the shared {@link RestoreRun}
 * before the first step; after the last one, unless the restore completed, deletes the half-made VM
 * (never once a replaced original is gone) and records the failure with the reason and what became
 * of the VM. An execution that dies with its JVM runs no listener: its VM and recorded progress
 * stay, and the next execution goes on with them.
 */
@Dependent
@Named
public class RestoreVmJobListener implements JobListener {
  private static final Logger LOG = Logger.getLogger(RestoreVmJobListener.class.getName());
  private static final Duration PUSH_INTERVAL = Duration.ofSeconds(2);

  @Inject JobContext jobContext;
  @Inject RestoreRuns runs;
  @Inject RestoreCatalogPort catalog;

  @Inject
  @BatchProperty(name = "restoreId")
  String restoreId;

  @Override
  public void beforeJob() {
    long id = Long.parseLong(restoreId);
    RestoreProgressTracker progress =
        new RestoreProgressTracker(id, catalog::progress, Clock.systemUTC(), PUSH_INTERVAL);
    runs.add(new RestoreRun(jobContext.getExecutionId(), id, progress));
  }

  @Override
  public void afterJob() {
    RestoreRun run = runs.remove(jobContext.getExecutionId());
    if (run == null) {
      return;
    }
    try {
      if (!run.complete()) {
        fail(run);
      }
    } finally {
      close(run.session());
    }
  }

  private void fail(RestoreRun run) {
    String reason =
        run.stopRequested() || catalog.cancelRequested(run.restoreId())
            ? "The restore was cancelled"
            : run.failure() != null
                ? run.failure()
                : "The job ended " + jobContext.getBatchStatus();
    run.progress().phase(RestorePhase.CLEANUP);
    String outcome = removeVm(run);
    run.progress().phase(RestorePhase.FAILED);
    String message = reason + ". " + outcome;
    jobContext.setExitStatus(ExitStatus.of(message));
    try {
      catalog.failed(run.restoreId(), message);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Could not mark restore " + run.restoreId() + " failed", e);
    }
    LOG.warning(() -> "Restore " + run.restoreId() + " failed: " + message);
  }

  /** Deletes the new VM unless it replaced the original already; says what happened to it. */
  private String removeVm(RestoreRun run) {
    VmRestore ops = run.operations();
    if (ops == null) {
      return "Nothing was created.";
    }
    RestoreRequest r;
    try {
      r = catalog.request(run.restoreId());
    } catch (RuntimeException e) {
      return "The new VM could not be looked up (" + e.getMessage() + "); check the source.";
    }
    if (r.originalRemoved()) {
      return "The original VM was already deleted, so the restored VM "
          + (r.createdVm() == null ? "" : r.createdVm().name() + " ")
          + "is kept; check it and rename it to "
          + r.targetName();
    }
    try {
      if (r.createdVm() != null) {
        ops.delete(r.createdVm().vmId());
        catalog.vmRemoved(run.restoreId());
        return "The half-made VM " + r.createdVm().name() + " and its files were deleted.";
      }
      if (run.spec() != null
          && ops.deleteTagged(run.spec().placement(), run.spec().name(), r.restoreTag())) {
        return "The half-made VM " + run.spec().name() + " and its files were deleted.";
      }
      return "Nothing was created.";
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Deleting the VM of restore " + run.restoreId() + " failed", e);
      return "Deleting the half-made VM failed (" + e.getMessage() + "); delete it in the source.";
    }
  }

  private static void close(SourceSession session) {
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
