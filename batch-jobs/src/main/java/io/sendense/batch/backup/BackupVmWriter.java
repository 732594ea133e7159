package io.sendense.batch.backup;

import io.sendense.batch.port.CatalogPort;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Writer of the {@code transfer} step: writes the partition's blocks into the disk's new image (the
 * parent as backing file) and checkpoints the image with every chunk. A restart resumes the partial
 * image; a first run starts a new one.
 */
@Dependent
@Named
public class BackupVmWriter extends AbstractItemWriter {
  @Inject JobContext jobContext;
  @Inject BackupRuns runs;
  @Inject CatalogPort catalog;

  @Inject
  @BatchProperty(name = "diskKey")
  String diskKey;

  private BackupRun run;
  private DiskImageWriter writer;

  @Override
  public void open(Serializable checkpoint) throws Exception {
    run = runs.get(jobContext.getExecutionId());
    int key = Integer.parseInt(diskKey);
    writer = new DiskImageWriter(run, key);
    try {
      writer.open(new DiskImage(run.store(), run.backup(catalog).disk(key)), checkpoint != null);
    } catch (Exception e) {
      run.noteFailure("writing disk " + diskKey, e);
      throw e;
    }
  }

  @Override
  public void writeItems(List<Object> items) throws Exception {
    try {
      writer.write(items);
    } catch (Exception e) {
      run.noteFailure("writing disk " + diskKey, e);
      throw e;
    }
  }

  @Override
  public Serializable checkpointInfo() {
    return Boolean.TRUE;
  }

  @Override
  public void close() throws Exception {
    if (writer != null) {
      writer.close();
    }
  }
}
