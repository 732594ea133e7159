package io.sendense.batch.restore;

import io.sendense.batch.restore.port.RestoreCatalogPort;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Step {@code finish}: replaces the original VM if asked (only while it is powered off), powers the
 * new one on if asked, and records the restore complete.
 */
@Dependent
@Named
public class RestoreVmFinishBatchlet extends AbstractBatchlet {
  @Inject JobContext jobContext;
  @Inject RestoreRuns runs;
  @Inject RestoreCatalogPort catalog;

  @Override
  public String process() throws Exception {
    RestoreRun run = runs.get(jobContext.getExecutionId());
    try {
      new VmRestorer(run, catalog).finish();
      return "COMPLETED";
    } catch (Exception e) {
      run.noteFailure("finish", e);
      throw e;
    }
  }
}
