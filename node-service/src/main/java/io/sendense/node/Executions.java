package io.sendense.node;

import io.sendense.batch.wire.WorkItem;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The jobs this node runs, by the node's own batch ids. The job's artifacts know only those; every
 * call to the hub names the hub's ids ({@link WorkItem#jobInstanceId()}, {@link
 * WorkItem#jobExecutionId()}), which this translates to. A job is registered while the runtime
 * starts it, under a lock that translations wait on, so its first calls find it.
 */
final class Executions {
  /** One job the node runs. */
  record Running(WorkItem item, long localExecution, long localInstance) {}

  private final Map<Long, Running> byExecution = new ConcurrentHashMap<>();
  private final Object starting = new Object();

  /** Starts a job through {@code start} (which returns the local execution id) and registers it. */
  Running start(
      WorkItem item, LongSupplier start, java.util.function.LongUnaryOperator instanceOf) {
    synchronized (starting) {
      long execution = start.getAsLong();
      Running r = new Running(item, execution, instanceOf.applyAsLong(execution));
      byExecution.put(execution, r);
      return r;
    }
  }

  void ended(long localExecution) {
    byExecution.remove(localExecution);
  }

  Collection<Running> all() {
    return List.copyOf(byExecution.values());
  }

  Running byExecution(long localExecution) {
    synchronized (starting) {
      Running r = byExecution.get(localExecution);
      if (r == null) {
        throw new IllegalStateException("No job of this node runs as execution " + localExecution);
      }
      return r;
    }
  }

  Running byInstance(long localInstance) {
    synchronized (starting) {
      return byExecution.values().stream()
          .filter(r -> r.localInstance() == localInstance)
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "No job of this node runs as instance " + localInstance));
    }
  }

  /** The job the hub knows by {@code hubJobId} among the jobs of {@code jobName} (ids per kind). */
  Optional<Running> byJob(String jobName, long hubJobId) {
    return byExecution.values().stream()
        .filter(r -> r.item().jobName().equals(jobName) && r.item().jobId() == hubJobId)
        .findFirst();
  }

  /**
   * The work item of a restore that reads the point {@code backupId} or restores into the source
   * {@code sourceId} (the parameter named {@code key}); waits for a job being started like {@link
   * #byVm}.
   */
  WorkItem restoreWith(String key, long id) {
    synchronized (starting) {
      return byExecution.values().stream()
          .map(Running::item)
          .filter(i -> i.isRestore() && Long.toString(id).equals(i.parameters().get(key)))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException("This node runs no restore with " + key + " " + id));
    }
  }

  /**
   * The work item of a job of this VM. Waits for a job being started, whose artifacts ask before
   * the runtime has returned its execution id.
   */
  WorkItem byVm(String vmId) {
    synchronized (starting) {
      return byExecution.values().stream()
          .map(Running::item)
          .filter(i -> !i.isRestore() && i.vmId().equals(vmId))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("This node runs no job of VM " + vmId));
    }
  }

  /**
   * The work item of a job into this repository; waits for a job being started like {@link #byVm}.
   */
  WorkItem byRepository(String repositoryId) {
    synchronized (starting) {
      return byExecution.values().stream()
          .map(Running::item)
          .filter(i -> repositoryId.equals(i.parameters().get("repositoryId")))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "This node runs no job into repository " + repositoryId));
    }
  }
}
