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
 * the backup complete with the change id, sizes, durations and image facts per disk; the images'
 * SHA-256 is left to the host, which records it right after (a point is complete when its images
 * are durable). Idempotent: images already committed by an earlier execution are only recorded.
 * Once every image is committed the snapshot is no longer needed: it is removed while the images'
 * facts are read ({@link FinalizeFacts}), so the cleanup step usually finds nothing left to do.
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
      List<DiskFinalizer.Committed> committed = new ArrayList<>();
      for (PlannedDisk disk : backup.disks()) {
        committed.add(finalizer.commit(disk));
      }
      run.progress().mark("images committed");
      List<DiskResult> results = FinalizeFacts.results(run, finalizer, committed);
      run.progress().mark("image facts read");
      run.configRecorded();
      catalog.completeBackup(backup.backupId(), results);
      run.markComplete();
      return "COMMITTED";
    } catch (Exception e) {
      run.noteFailure("finalize", e);
      throw e;
    }
  }
}
