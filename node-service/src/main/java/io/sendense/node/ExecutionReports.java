package io.sendense.node;

import io.sendense.batch.wire.ExecutionReport;
import jakarta.batch.operations.JobOperator;
import jakarta.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Tells the hub how each backup's execution runs, its status and steps, since this node's runtime
 * keeps them in memory only: at once when the execution or a step changes status, at most every
 * {@link #REFRESH} while only chunk counters move. The job's end carries the last report ({@link
 * NodeAgent}). A report the hub did not take is sent again at the next change; it is only for the
 * console, so nothing waits for it.
 */
final class ExecutionReports {
  private static final Logger LOG = Logger.getLogger(ExecutionReports.class.getName());
  static final Duration REFRESH = Duration.ofSeconds(10);

  private record Sent(ExecutionReport report, long atNanos) {}

  private final HubConnection hub;
  private final JobOperator operator;
  private final LongSupplier nanos;
  private final Map<Long, Sent> sent = new ConcurrentHashMap<>();

  ExecutionReports(HubConnection hub, JobOperator operator, LongSupplier nanos) {
    this.hub = hub;
    this.operator = operator;
    this.nanos = nanos;
  }

  /** Sends the report of each running backup that changed enough since it was last sent. */
  void sendChanged(Collection<Executions.Running> running) {
    for (Executions.Running r : running) {
      if (r.item().isRestore()) {
        continue;
      }
      ExecutionReport now = ExecutionReport.of(operator, r.localExecution());
      Sent last = sent.get(r.localExecution());
      if (due(last == null ? null : last.report(), now, last == null ? 0 : last.atNanos())
          && send(r, now)) {
        sent.put(r.localExecution(), new Sent(now, nanos.getAsLong()));
      }
    }
  }

  /** The report to send with the execution's end; forgets the execution. */
  ExecutionReport last(Executions.Running r) {
    sent.remove(r.localExecution());
    return ExecutionReport.of(operator, r.localExecution());
  }

  /** Whether {@code now} is worth sending after {@code last} (sent at {@code lastNanos}). */
  boolean due(ExecutionReport last, ExecutionReport now, long lastNanos) {
    if (last == null || !statuses(last).equals(statuses(now))) {
      return true;
    }
    return !last.equals(now) && nanos.getAsLong() - lastNanos >= REFRESH.toNanos();
  }

  private static List<String> statuses(ExecutionReport r) {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(String.valueOf(r.batchStatus())),
            r.steps().stream().map(s -> s.stepExecutionId() + " " + s.batchStatus()))
        .toList();
  }

  private boolean send(Executions.Running r, ExecutionReport report) {
    try {
      hub.post(
          "node/v1/jobs/" + r.item().jobId() + "/execution",
          Json.createObjectBuilder()
              .add("jobExecutionId", r.item().jobExecutionId())
              .add("execution", report.toJson())
              .build(),
          15_000);
      return true;
    } catch (IOException | HubException e) {
      LOG.fine(() -> "The steps of " + r.item() + " were not reported (" + e.getMessage() + ")");
      return false;
    }
  }
}
