package io.sendense.batch.copy;

import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.TelemetrySink;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens and closes every execution of {@code copy-backup}: registers the shared {@link CopyRun},
 * and after the last step, whatever happened, closes both repositories and marks every copy of the
 * execution that did not complete FAILED (never a parent; partial files are deleted by the next
 * execution or when the job is abandoned).
 */
@Dependent
@Named
public class CopyBackupJobListener implements JobListener {
  private static final Logger LOG = Logger.getLogger(CopyBackupJobListener.class.getName());

  @Inject JobContext jobContext;
  @Inject CopyRuns runs;
  @Inject Instance<CopyCatalogPort> catalog;
  @Inject TelemetrySink telemetry;

  @Override
  public void beforeJob() {
    long execution = jobContext.getExecutionId();
    runs.add(execution, new CopyRun(new CopyProgress(execution, telemetry, Clock.systemUTC())));
  }

  @Override
  public void afterJob() {
    CopyRun run = runs.remove(jobContext.getExecutionId());
    if (run == null) {
      return;
    }
    run.close();
    boolean completed = jobContext.getBatchStatus() == BatchStatus.COMPLETED;
    List<Long> unfinished = run.unfinished();
    if (!completed || !unfinished.isEmpty()) {
      String reason =
          run.failure() != null
              ? run.failure()
              : "the copy ended " + jobContext.getBatchStatus() + " before it completed";
      try {
        if (!unfinished.isEmpty() && catalog.isResolvable()) {
          catalog.get().failed(unfinished, reason);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "Copies " + unfinished + " could not be marked failed", e);
      }
      run.progress.phase(BackupPhase.FAILED);
    } else {
      run.progress.phase(BackupPhase.COMPLETE);
    }
  }
}
