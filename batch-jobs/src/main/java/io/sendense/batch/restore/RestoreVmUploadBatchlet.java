package io.sendense.batch.restore;

import io.sendense.batch.restore.port.RestoreCatalogPort;
import io.sendense.batch.restore.port.RestorePointPort;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;

/**
 * Step {@code upload}: writes each disk not yet in the new VM from the point's chain. A stop ends
 * the uploads at their next piece.
 */
@Dependent
@Named
public class RestoreVmUploadBatchlet extends AbstractBatchlet {
  @Inject JobContext jobContext;
  @Inject RestoreRuns runs;
  @Inject RestoreCatalogPort catalog;
  @Inject RestorePointPort points;

  @Inject
  @BatchProperty(name = "threads")
  String threads;

  private volatile RestoreRun run;

  @Override
  public String process() throws Exception {
    run = runs.get(jobContext.getExecutionId());
    try {
      new DiskUploads(run, catalog, points, Clock.systemUTC())
          .uploadAll(threads == null || threads.isBlank() ? 2 : Integer.parseInt(threads));
      return "UPLOADED";
    } catch (Exception e) {
      run.noteFailure("upload", e);
      throw e;
    }
  }

  @Override
  public void stop() {
    RestoreRun current = run;
    if (current != null) {
      current.requestStop();
    }
  }
}
