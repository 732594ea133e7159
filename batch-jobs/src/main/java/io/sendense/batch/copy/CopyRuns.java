package io.sendense.batch.copy;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running executions of {@code copy-backup}, by execution id (Jakarta Batch has no job scope).
 */
@ApplicationScoped
public class CopyRuns {
  private final Map<Long, CopyRun> runs = new ConcurrentHashMap<>();

  void add(long execution, CopyRun run) {
    runs.put(execution, run);
  }

  CopyRun get(long execution) {
    CopyRun run = runs.get(execution);
    if (run == null) {
      throw new IllegalStateException("copy execution " + execution + " has no run");
    }
    return run;
  }

  CopyRun remove(long execution) {
    return runs.remove(execution);
  }
}
