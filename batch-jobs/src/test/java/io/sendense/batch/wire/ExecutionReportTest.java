package io.sendense.batch.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionReportTest {
  @Test
  void aReportRoundTripsWithItsStepsCountersAndMissingTimes() {
    Instant start = Instant.parse("2026-12-07T08:00:01.250Z");
    ExecutionReport report =
        new ExecutionReport(
            "STARTED",
            null,
            start,
            null,
            List.of(
                new ExecutionReport.Step(
                    11,
                    "prepare",
                    "COMPLETED",
                    "COMPLETED",
                    start,
                    start.plusMillis(40),
                    0,
                    0,
                    0,
                    0,
                    0,
                    0),
                new ExecutionReport.Step(
                    12,
                    "transfer",
                    "STARTED",
                    null,
                    start.plusMillis(41),
                    null,
                    37,
                    36,
                    3,
                    1,
                    2,
                    5)));

    ExecutionReport back = ExecutionReport.fromJson(PortJson.parse(report.toJson().toString()));

    assertEquals(report, back);
  }

  @Test
  void countersAnOlderWriterLeftOutReadAsZero() {
    ExecutionReport back =
        ExecutionReport.fromJson(
            PortJson.parse(
                "{\"batchStatus\":\"COMPLETED\",\"exitStatus\":\"COMPLETED\",\"steps\":"
                    + "[{\"stepExecutionId\":4,\"name\":\"cleanup\",\"batchStatus\":\"COMPLETED\"}]}"));

    assertEquals("COMPLETED", back.batchStatus());
    assertEquals(null, back.startedAt());
    ExecutionReport.Step step = back.steps().get(0);
    assertEquals(
        List.of(4L, 0L, 0L), List.of(step.stepExecutionId(), step.readCount(), step.skipCount()));
    assertEquals(null, step.exitStatus());
  }
}
