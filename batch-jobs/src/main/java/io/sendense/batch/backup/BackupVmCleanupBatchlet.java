package io.sendense.batch.backup;

import io.sendense.batch.port.BackupPhase;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Step {@code cleanup}: removes the snapshot after a successful backup. After a failure the job
 * listener does the same. A snapshot that cannot be removed does not fail the complete backup; the
 * exit status says so and the next backup of the VM removes it.
 */
@Dependent
@Named
public class BackupVmCleanupBatchlet extends AbstractBatchlet {
  @Inject JobContext jobContext;
  @Inject BackupRuns runs;

  @Override
  public String process() {
    BackupRun run = runs.get(jobContext.getExecutionId());
    run.progress().phase(BackupPhase.CLEANUP);
    return SnapshotReleaser.release(run) ? "SNAPSHOT_REMOVED" : "SNAPSHOT_LEFT_OVER";
  }
}
