package io.sendense.batch.wire;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/**
 * One batch execution with its steps as a node's runtime reports it. A node keeps its executions in
 * memory only and forgets them when it stops, so it sends this to the hub while the job runs and at
 * its end; the hub keeps it with the job for the console, which shows a node's executions as it
 * shows its own.
 */
public record ExecutionReport(
    String batchStatus, String exitStatus, Instant startedAt, Instant endedAt, List<Step> steps) {

  /** One step execution and its chunk counters (skips summed over read, process and write). */
  public record Step(
      long stepExecutionId,
      String name,
      String batchStatus,
      String exitStatus,
      Instant startedAt,
      Instant endedAt,
      long readCount,
      long writeCount,
      long commitCount,
      long rollbackCount,
      long filterCount,
      long skipCount) {}

  public ExecutionReport {
    steps = List.copyOf(steps);
  }

  /** The execution {@code executionId} as {@code operator}'s runtime knows it now. */
  public static ExecutionReport of(JobOperator operator, long executionId) {
    JobExecution e = operator.getJobExecution(executionId);
    List<Step> steps =
        operator.getStepExecutions(executionId).stream()
            .sorted(Comparator.comparingLong(StepExecution::getStepExecutionId))
            .map(ExecutionReport::step)
            .toList();
    return new ExecutionReport(
        name(e.getBatchStatus()),
        e.getExitStatus(),
        instant(e.getStartTime()),
        instant(e.getEndTime()),
        steps);
  }

  private static Step step(StepExecution s) {
    return new Step(
        s.getStepExecutionId(),
        s.getStepName(),
        name(s.getBatchStatus()),
        s.getExitStatus(),
        instant(s.getStartTime()),
        instant(s.getEndTime()),
        metric(s, Metric.MetricType.READ_COUNT),
        metric(s, Metric.MetricType.WRITE_COUNT),
        metric(s, Metric.MetricType.COMMIT_COUNT),
        metric(s, Metric.MetricType.ROLLBACK_COUNT),
        metric(s, Metric.MetricType.FILTER_COUNT),
        metric(s, Metric.MetricType.READ_SKIP_COUNT)
            + metric(s, Metric.MetricType.PROCESS_SKIP_COUNT)
            + metric(s, Metric.MetricType.WRITE_SKIP_COUNT));
  }

  /** A counter of a step execution; 0 where the runtime keeps none. */
  public static long metric(StepExecution s, Metric.MetricType type) {
    Metric[] metrics = s.getMetrics();
    if (metrics != null) {
      for (Metric m : metrics) {
        if (m.getType() == type) {
          return m.getValue();
        }
      }
    }
    return 0;
  }

  public JsonObject toJson() {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (Step s : steps) {
      JsonObjectBuilder b =
          Json.createObjectBuilder()
              .add("stepExecutionId", s.stepExecutionId())
              .add("name", s.name())
              .add("readCount", s.readCount())
              .add("writeCount", s.writeCount())
              .add("commitCount", s.commitCount())
              .add("rollbackCount", s.rollbackCount())
              .add("filterCount", s.filterCount())
              .add("skipCount", s.skipCount());
      nullable(b, "batchStatus", s.batchStatus());
      nullable(b, "exitStatus", s.exitStatus());
      nullable(b, "startedAt", s.startedAt());
      nullable(b, "endedAt", s.endedAt());
      array.add(b);
    }
    JsonObjectBuilder b = Json.createObjectBuilder().add("steps", array);
    nullable(b, "batchStatus", batchStatus);
    nullable(b, "exitStatus", exitStatus);
    nullable(b, "startedAt", startedAt);
    nullable(b, "endedAt", endedAt);
    return b.build();
  }

  /** The report {@link #toJson} wrote; a missing field reads as null (or 0 for a counter). */
  public static ExecutionReport fromJson(JsonObject o) {
    List<Step> steps =
        o.getJsonArray("steps").getValuesAs(JsonObject.class).stream()
            .map(
                s ->
                    new Step(
                        s.getJsonNumber("stepExecutionId").longValueExact(),
                        s.getString("name"),
                        PortJson.str(s, "batchStatus"),
                        PortJson.str(s, "exitStatus"),
                        time(s, "startedAt"),
                        time(s, "endedAt"),
                        count(s, "readCount"),
                        count(s, "writeCount"),
                        count(s, "commitCount"),
                        count(s, "rollbackCount"),
                        count(s, "filterCount"),
                        count(s, "skipCount")))
            .toList();
    return new ExecutionReport(
        PortJson.str(o, "batchStatus"),
        PortJson.str(o, "exitStatus"),
        time(o, "startedAt"),
        time(o, "endedAt"),
        steps);
  }

  private static void nullable(JsonObjectBuilder b, String key, Object value) {
    PortJson.opt(b, key, value == null ? null : value.toString());
  }

  private static Instant time(JsonObject o, String key) {
    String text = PortJson.str(o, key);
    return text == null ? null : Instant.parse(text);
  }

  private static long count(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v instanceof jakarta.json.JsonNumber n ? n.longValueExact() : 0;
  }

  private static String name(Enum<?> status) {
    return status == null ? null : status.name();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
