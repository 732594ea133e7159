package io.sendense.batch.restore;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link RestoreRun}s of the {@code restore-vm} executions running in this JVM, by job
 * execution id: registered by the job listener before the first step, removed after the last.
 */
@ApplicationScoped
public class RestoreRuns {
  private final ConcurrentMap<Long, RestoreRun> runs = new ConcurrentHashMap<>();

  void add(RestoreRun run) {
    if (runs.putIfAbsent(run.executionId(), run) != null) {
      throw new IllegalStateException("Execution " + run.executionId() + " is already running");
    }
  }

  /**
   * @throws IllegalStateException if the job listener did not register it
   */
  RestoreRun get(long executionId) {
    RestoreRun run = runs.get(executionId);
    if (run == null) {
      throw new IllegalStateException(
          "No restore run for job execution "
              + executionId
              + " (is restoreVmJobListener declared?)");
    }
    return run;
  }

  RestoreRun remove(long executionId) {
    return runs.remove(executionId);
  }
}
