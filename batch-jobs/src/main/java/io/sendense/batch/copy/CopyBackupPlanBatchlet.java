package io.sendense.batch.copy;

import io.sendense.batch.port.BackupPhase;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Step {@code plan}: asks the catalog what to copy (the point, and in incremental mode the
 * ancestors the target lacks) and records the copies RUNNING. Runs in every execution: the plan
 * takes over what an earlier one left unfinished.
 */
@Dependent
@Named
public class CopyBackupPlanBatchlet extends AbstractBatchlet {
  @Inject JobContext jobContext;
  @Inject CopyRuns runs;
  @Inject Instance<CopyCatalogPort> catalog;

  @Inject
  @BatchProperty(name = "sourceBackupId")
  String sourceBackupId;

  @Inject
  @BatchProperty(name = "repositoryId")
  String repositoryId;

  @Inject
  @BatchProperty(name = "ruleId")
  String ruleId;

  @Inject
  @BatchProperty(name = "mode")
  String mode;

  @Override
  public String process() {
    CopyRun run = runs.get(jobContext.getExecutionId());
    run.progress.phase(BackupPhase.PREPARE);
    try {
      if (!catalog.isResolvable()) {
        throw new IllegalStateException("This host does not copy restore points");
      }
      CopyRequest request =
          new CopyRequest(
              jobContext.getInstanceId(),
              Long.parseLong(required("sourceBackupId", sourceBackupId)),
              required("repositoryId", repositoryId),
              ruleId == null || ruleId.isBlank() ? null : Long.valueOf(ruleId),
              mode == null || mode.isBlank() ? "INCREMENTAL" : mode);
      CopyPlan plan = catalog.get().plan(request);
      run.plan(plan);
      run.progress.planned(plan.vmId(), plan.bytesToCopy());
      return "PLANNED " + plan.points().size();
    } catch (RuntimeException e) {
      run.noteFailure("plan", e);
      throw e;
    }
  }

  private static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("job parameter " + name + " is required");
    }
    return value;
  }
}
