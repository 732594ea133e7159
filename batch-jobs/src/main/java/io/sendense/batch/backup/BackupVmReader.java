package io.sendense.batch.backup;

import io.sendense.batch.port.CatalogPort;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Reader of the {@code transfer} step: one {@link Block} of the partition's disk per item. Its
 * checkpoint is kept in the catalog ({@link DiskTransferReader}), not by the batch runtime: the
 * runtime's checkpoint is ignored, so a restart with a new partition plan, or a new job instance
 * that resumes the backup after a crash, continues from the same place.
 */
@Dependent
@Named
public class BackupVmReader extends AbstractItemReader {
  @Inject JobContext jobContext;
  @Inject BackupRuns runs;
  @Inject CatalogPort catalog;

  @Inject
  @BatchProperty(name = "diskKey")
  String diskKey;

  @Inject
  @BatchProperty(name = "blockSize")
  String blockSize;

  private BackupRun run;
  private DiskTransferReader reader;

  @Override
  public void open(Serializable ignored) throws Exception {
    run = runs.get(jobContext.getExecutionId());
    int key = Integer.parseInt(diskKey);
    reader = new DiskTransferReader(run, catalog, key, Integer.parseInt(blockSize));
    try {
      reader.open();
      run.readerOpened(key, reader);
    } catch (Exception e) {
      run.noteFailure("reading disk " + diskKey, e);
      throw e;
    }
  }

  @Override
  public Object readItem() throws Exception {
    try {
      return reader.next();
    } catch (Exception e) {
      run.noteFailure("reading disk " + diskKey, e);
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    if (reader != null) {
      reader.close();
    }
  }
}
