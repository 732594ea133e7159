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
 * checkpoint ({@link ReadCheckpoint}) is the disk offset below which every range is committed.
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
  public void open(Serializable checkpoint) throws Exception {
    run = runs.get(jobContext.getExecutionId());
    reader =
        new DiskTransferReader(
            run, catalog, Integer.parseInt(diskKey), Integer.parseInt(blockSize));
    try {
      reader.open((ReadCheckpoint) checkpoint);
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
  public Serializable checkpointInfo() {
    return reader.checkpoint();
  }

  @Override
  public void close() throws Exception {
    if (reader != null) {
      reader.close();
    }
  }
}
