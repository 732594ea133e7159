package io.sendense.batch.backup;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link BackupRun}s of the executions running in this JVM, by job execution id. Jakarta Batch
 * has no job-scoped bean that the partitions of a step share, so the job listener registers the run
 * here before the first step and removes it after the last.
 */
@ApplicationScoped
public class BackupRuns {
  private final ConcurrentMap<Long, BackupRun> runs = new ConcurrentHashMap<>();

  void add(BackupRun run) {
    if (runs.putIfAbsent(run.executionId(), run) != null) {
      throw new IllegalStateException("Execution " + run.executionId() + " is already running");
    }
  }

  /**
   * The run of an execution.
   *
   * @throws IllegalStateException if the job listener did not register it
   */
  BackupRun get(long executionId) {
    BackupRun run = runs.get(executionId);
    if (run == null) {
      throw new IllegalStateException(
          "No backup run for job execution " + executionId + " (is backupVmJobListener declared?)");
    }
    return run;
  }

  /** The run of an execution, if the job listener registered it. */
  Optional<BackupRun> find(long executionId) {
    return Optional.ofNullable(runs.get(executionId));
  }

  BackupRun remove(long executionId) {
    return runs.remove(executionId);
  }
}
