package io.sendense.webapp.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.batch.wire.ExecutionReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobExecutionsTest {
  private static final Instant T = Instant.parse("2026-12-07T08:00:00Z");

  private static ExecutionReport killedInTransfer() {
    return new ExecutionReport(
        "STARTED",
        null,
        T,
        null,
        List.of(
            new ExecutionReport.Step(
                1, "prepare", "COMPLETED", "COMPLETED", T, T.plusSeconds(1), 0, 0, 0, 0, 0, 0),
            new ExecutionReport.Step(
                2, "transfer", "STARTED", null, T.plusSeconds(1), null, 12, 12, 1, 0, 0, 0)));
  }

  private static List<String> statuses(BatchExecutionDto e) {
    return e.steps().stream()
        .map(s -> s.name() + " " + s.batchStatus() + "/" + s.exitStatus())
        .toList();
  }

  @Test
  void anExecutionItsNodeLeftUnfinishedShowsFailedWithItsUnfinishedSteps() {
    BatchExecutionDto e = JobExecutions.dto(-5001, killedInTransfer(), JobExecutions.NODE_STOPPED);

    assertEquals("FAILED/NODE_STOPPED", e.batchStatus() + "/" + e.exitStatus());
    assertEquals(
        List.of("prepare COMPLETED/COMPLETED", "transfer FAILED/NODE_STOPPED"), statuses(e));
    assertEquals(12, e.steps().get(1).readCount());
  }

  @Test
  void theRunningExecutionShowsAsReported() {
    BatchExecutionDto e = JobExecutions.dto(-5002, killedInTransfer(), null);

    assertEquals("STARTED", e.batchStatus());
    assertEquals(List.of("prepare COMPLETED/COMPLETED", "transfer STARTED/null"), statuses(e));
  }

  @Test
  void anEndedExecutionKeepsItsOwnStatusWhateverTheJob() {
    ExecutionReport done =
        new ExecutionReport(
            "STOPPED",
            "STOPPED",
            T,
            T.plusSeconds(9),
            List.of(
                new ExecutionReport.Step(
                    2, "transfer", "STOPPED", "STOPPED", T, T.plusSeconds(9), 3, 3, 1, 0, 0, 0)));

    BatchExecutionDto e = JobExecutions.dto(-5003, done, JobExecutions.HUB_STOPPED);

    assertEquals("STOPPED/STOPPED", e.batchStatus() + "/" + e.exitStatus());
    assertEquals(List.of("transfer STOPPED/STOPPED"), statuses(e));
  }
}
