package io.sendense.node;

import io.sendense.batch.lifecycle.LifecycleTask;
import io.sendense.batch.wire.ExecutionReport;
import io.sendense.batch.wire.WorkItem;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's loop: long-polls the hub for work (reporting its health and the jobs it runs), starts
 * each work item as the job it names ({@code backup-vm}, or {@code restore-vm} for a whole-VM
 * restore), stops the jobs the hub no longer runs. Backups and restores have ids of their own on
 * the hub, so each kind is reported and stopped in its own list. Restore point work on the
 * repositories placed on this node (hash, verify) goes to {@link NodeLifecycleTasks}. A watcher
 * thread reports each job's end within half a second (a stopped job shows STOPPED on the hub at
 * once, not after the next long poll). A hub that cannot be reached is polled again after a pause;
 * jobs go on meanwhile.
 */
final class NodeAgent {
  private static final Logger LOG = Logger.getLogger(NodeAgent.class.getName());
  private static final long END_WATCH_MILLIS = 500;
  private static final Set<BatchStatus> ENDED =
      EnumSet.of(
          BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.ABANDONED);

  private final HubConnection hub;
  private final JobOperator operator;
  private final Executions executions;
  private final NodeHealthReport health;
  private final NodeLifecycleTasks lifecycle;
  private final ExecutionReports reports;

  NodeAgent(
      HubConnection hub,
      JobOperator operator,
      Executions executions,
      NodeHealthReport health,
      NodeLifecycleTasks lifecycle) {
    this.hub = hub;
    this.operator = operator;
    this.executions = executions;
    this.health = health;
    this.lifecycle = lifecycle;
    this.reports = new ExecutionReports(hub, operator, System::nanoTime);
  }

  void run() throws InterruptedException {
    Thread watcher = new Thread(this::watchEnds, "job-ends");
    watcher.setDaemon(true);
    watcher.start();
    try {
      poll();
    } finally {
      watcher.interrupt();
    }
  }

  private void watchEnds() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        reportEnded();
        reports.sendChanged(executions.all());
        Thread.sleep(END_WATCH_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not look for ended jobs; trying again", e);
      }
    }
  }

  private void poll() throws InterruptedException {
    long pause = 1000;
    while (!Thread.currentThread().isInterrupted()) {
      reportEnded();
      try {
        JsonObject answer = hub.post("node/v1/poll", pollBody(), 60_000);
        answer
            .getJsonArray("stop")
            .getValuesAs(JsonNumber.class)
            .forEach(n -> stop(WorkItem.BACKUP, n.longValueExact()));
        answer
            .getOrDefault("stopRestores", JsonValue.EMPTY_JSON_ARRAY)
            .asJsonArray()
            .getValuesAs(JsonNumber.class)
            .forEach(n -> stop(WorkItem.RESTORE, n.longValueExact()));
        answer.getJsonArray("work").getValuesAs(JsonObject.class).stream()
            .map(WorkItem::fromJson)
            .forEach(this::start);
        answer
            .getOrDefault("lifecycle", JsonValue.EMPTY_JSON_ARRAY)
            .asJsonArray()
            .getValuesAs(JsonObject.class)
            .stream()
            .map(LifecycleTask::fromJson)
            .forEach(lifecycle::take);
        health.placed(
            answer.getOrDefault("repositories", JsonValue.EMPTY_JSON_ARRAY).asJsonArray());
        pause = 1000;
      } catch (IOException | HubException e) {
        LOG.warning(() -> "The hub did not answer the poll (" + e.getMessage() + "); retrying");
        Thread.sleep(pause);
        pause = Math.min(10_000, pause * 2);
      }
    }
  }

  private JsonObject pollBody() {
    JsonArrayBuilder running = Json.createArrayBuilder();
    JsonArrayBuilder restores = Json.createArrayBuilder();
    executions
        .all()
        .forEach(r -> (r.item().isRestore() ? restores : running).add(r.item().jobId()));
    return Json.createObjectBuilder()
        .add("version", NodeIdentity.VERSION)
        .add("running", running)
        .add("runningRestores", restores)
        .add("health", health.json())
        .build();
  }

  private void start(WorkItem item) {
    if (executions.byJob(item.jobName(), item.jobId()).isPresent()) {
      return;
    }
    Properties params = new Properties();
    item.parameters().forEach(params::setProperty);
    try {
      Executions.Running r =
          executions.start(
              item,
              () -> operator.start(item.jobName(), params),
              e -> operator.getJobInstance(e).getInstanceId());
      LOG.info(() -> "Started " + item + " as execution " + r.localExecution());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not start " + item, e);
      report(
          item,
          "FAILED",
          "The node's batch runtime refused to start the job: " + e.getMessage(),
          null);
    }
  }

  private void stop(String jobName, long jobId) {
    executions
        .byJob(jobName, jobId)
        .ifPresent(
            r -> {
              LOG.info(() -> "The hub asks to stop " + r.item());
              try {
                operator.stop(r.localExecution());
              } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Job " + jobId + " was ending already", e);
              }
            });
  }

  /** Reports the jobs that ended; one whose report fails stays listed and is reported later. */
  private synchronized void reportEnded() {
    for (Executions.Running r : executions.all()) {
      JobExecution execution = operator.getJobExecution(r.localExecution());
      if (ENDED.contains(execution.getBatchStatus())
          && report(
              r.item(),
              execution.getBatchStatus().name(),
              execution.getExitStatus(),
              r.item().isRestore() ? null : reports.last(r))) {
        executions.ended(r.localExecution());
        LOG.info(() -> r.item() + " ended " + execution.getBatchStatus());
      }
    }
  }

  /** Reports a job's end, with its execution's steps ({@code execution}, null for a restore). */
  private boolean report(WorkItem item, String status, String exit, ExecutionReport execution) {
    try {
      var body =
          Json.createObjectBuilder()
              .add("jobExecutionId", item.jobExecutionId())
              .add("batchStatus", status);
      body = exit == null ? body.addNull("exitStatus") : body.add("exitStatus", exit);
      if (execution != null) {
        body.add("execution", execution.toJson());
      }
      String kind = item.isRestore() ? "restores" : "jobs";
      hub.post("node/v1/" + kind + "/" + item.jobId() + "/ended", body.build(), 30_000);
      return true;
    } catch (IOException | HubException e) {
      LOG.warning(() -> "The end of " + item + " was not reported (" + e.getMessage() + ")");
      return false;
    }
  }
}
