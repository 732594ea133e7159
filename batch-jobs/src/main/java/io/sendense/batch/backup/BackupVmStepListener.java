package io.sendense.batch.backup;

import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Notes the exception a step of {@code backup-vm} ended with, so the job's failure names it also
 * when it came from a place that reports nothing itself (the partition mapper, a reader's or
 * writer's close, the batch runtime). Artifacts that note their own failure come first: only the
 * first failure of a run is kept.
 */
@Dependent
@Named
public class BackupVmStepListener implements StepListener {
  @Inject JobContext jobContext;
  @Inject StepContext stepContext;
  @Inject BackupRuns runs;

  @Override
  public void beforeStep() {}

  @Override
  public void afterStep() {
    Exception e = stepContext.getException();
    if (e != null) {
      runs.find(jobContext.getExecutionId())
          .ifPresent(run -> run.noteFailure("step " + stepContext.getStepName(), e));
    }
  }
}
