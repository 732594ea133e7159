package io.sendense.batch.restore;

import io.sendense.batch.restore.port.RestoreCatalogPort;
import io.sendense.batch.restore.port.RestorePointPort;
import io.sendense.batch.restore.port.RestoreSourcePort;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Step {@code prepare}: reads the restore and the point's recorded configuration, opens the source,
 * and checks the target (names, networks, free space) before anything is created. Runs in every
 * execution.
 */
@Dependent
@Named
public class RestoreVmPrepareBatchlet extends AbstractBatchlet {
  @Inject JobContext jobContext;
  @Inject RestoreRuns runs;
  @Inject RestoreCatalogPort catalog;
  @Inject RestorePointPort points;
  @Inject RestoreSourcePort sources;

  @Override
  public String process() throws Exception {
    RestoreRun run = runs.get(jobContext.getExecutionId());
    try {
      new VmRestorer(run, catalog).prepare(points, sources);
      return "PREPARED";
    } catch (Exception e) {
      run.noteFailure("prepare", e);
      throw e;
    }
  }
}
