package io.sendense.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.batch.wire.ExecutionReport;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExecutionReportsTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final ExecutionReports reports = new ExecutionReports(null, null, now::get);

  private static ExecutionReport report(String transferStatus, long read) {
    return new ExecutionReport(
        "STARTED",
        null,
        null,
        null,
        List.of(
            new ExecutionReport.Step(
                1, "prepare", "COMPLETED", "COMPLETED", null, null, 0, 0, 0, 0, 0, 0),
            new ExecutionReport.Step(
                2, "transfer", transferStatus, null, null, null, read, read, 0, 0, 0, 0)));
  }

  @Test
  void theFirstReportAndEveryStatusChangeAreSentAtOnce() {
    long sentAt = now.get();
    assertTrue(reports.due(null, report("STARTED", 0), sentAt));
    assertTrue(reports.due(report("STARTED", 4), report("COMPLETED", 4), sentAt));
    assertTrue(
        reports.due(
            report("STARTED", 4),
            new ExecutionReport("COMPLETED", "COMPLETED", null, null, report("STARTED", 4).steps()),
            sentAt));
  }

  @Test
  void movingCountersAreSentAtMostEveryRefreshAndAnUnchangedReportNever() {
    long sentAt = now.get();
    assertFalse(reports.due(report("STARTED", 4), report("STARTED", 9), sentAt));
    now.addAndGet(ExecutionReports.REFRESH.toNanos());
    assertTrue(reports.due(report("STARTED", 4), report("STARTED", 9), sentAt));
    assertFalse(reports.due(report("STARTED", 9), report("STARTED", 9), sentAt));
  }
}
