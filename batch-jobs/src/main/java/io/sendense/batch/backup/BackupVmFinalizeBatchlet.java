package io.sendense.batch.backup;

import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.DiskResult;
import io.sendense.batch.port.PlannedDisk;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/**
 * Step {@code finalize}: commits every disk's image (atomic rename of its partial file) and records
 * the backup complete with the change id, sizes and durations per disk. Idempotent: images already
 * committed by an earlier execution are only recorded.
 */
@Dependent
@Named
public class BackupVmFinalizeBatchlet extends AbstractBatchlet {
  @Inject JobContext jobContext;
  @Inject BackupRuns runs;
  @Inject CatalogPort catalog;

  @Inject
  @BatchProperty(name = "blockSize")
  String blockSize;

  @Override
  public String process() throws Exception {
    BackupRun run = runs.get(jobContext.getExecutionId());
    run.progress().phase(BackupPhase.FINALIZE);
    try {
      BackupRecord backup = run.backup(catalog);
      DiskFinalizer finalizer = new DiskFinalizer(run, catalog, Integer.parseInt(blockSize));
      List<DiskResult> results = new ArrayList<>();
      for (PlannedDisk disk : backup.disks()) {
        results.add(finalizer.finish(disk));
      }
      catalog.completeBackup(backup.backupId(), results);
      run.markComplete();
      return "COMMITTED";
    } catch (Exception e) {
      run.noteFailure("finalize", e);
      throw e;
    }
  }
}
