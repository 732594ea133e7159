package io.sendense.batch.restore;

import io.sendense.batch.restore.port.RestoreCatalogPort;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Step {@code create}: creates the VM with the recorded hardware and empty disks, or takes the one
 * an earlier execution created and recorded.
 */
@Dependent
@Named
public class RestoreVmCreateBatchlet extends AbstractBatchlet {
  @Inject JobContext jobContext;
  @Inject RestoreRuns runs;
  @Inject RestoreCatalogPort catalog;

  @Override
  public String process() throws Exception {
    RestoreRun run = runs.get(jobContext.getExecutionId());
    try {
      new VmRestorer(run, catalog).create();
      return "CREATED";
    } catch (Exception e) {
      run.noteFailure("create", e);
      throw e;
    }
  }
}
