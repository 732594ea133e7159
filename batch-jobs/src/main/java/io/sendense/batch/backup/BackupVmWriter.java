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
 * parent as backing file) and checkpoints the image with every chunk. It resumes the partial image
 * when an earlier execution committed part of the disk, and starts a new one otherwise.
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
  public void open(Serializable ignored) throws Exception {
    run = runs.get(jobContext.getExecutionId());
    int key = Integer.parseInt(diskKey);
    DiskTransferReader reader = run.reader(key);
    if (reader.skipped()) {
      return;
    }
    writer = new DiskImageWriter(run, reader, key);
    try {
      writer.open(new DiskImage(run.store(), run.backup(catalog).disk(key)), reader.resumed());
    } catch (Exception e) {
      run.noteFailure("writing disk " + diskKey, e);
      throw e;
    }
  }

  @Override
  public void writeItems(List<Object> items) throws Exception {
    if (writer == null) {
      return;
    }
    try {
      writer.write(items);
    } catch (Exception e) {
      run.noteFailure("writing disk " + diskKey, e);
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    if (writer != null) {
      writer.close();
    }
  }
}
