package io.sendense.webapp.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sendense.persistence.flow.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtectionReportTest {
  static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z"); // a Saturday

  @Test
  void aVmIsOkWithinItsFlowsRpoAndLateBeyondIt() {
    List<ProtectionReport.Vm> vms =
        List.of(new ProtectionReport.Vm(1, "fresh"), new ProtectionReport.Vm(2, "stale"));
    List<ProtectionReport.Cover> covers =
        List.of(new ProtectionReport.Cover("nightly", "0 2 * * *", "UTC", Set.of(1L, 2L)));
    Map<Long, Instant> good = Map.of(1L, NOW.minusSeconds(3600), 2L, NOW.minusSeconds(86_400 + 60));

    List<VmProtection> rows = ProtectionReport.of(vms, covers, good, NOW);

    assertEquals(
        new VmProtection(
            1, "fresh", List.of("nightly"), 86_400L, good.get(1L), 3600L, ProtectionStatus.OK),
        rows.get(0));
    assertEquals(ProtectionStatus.LATE, rows.get(1).status());
    assertEquals(86_460L, rows.get(1).ageSeconds());
  }

  @Test
  void theTightestScheduleOfSeveralFlowsIsTheTarget() {
    List<ProtectionReport.Cover> covers =
        List.of(
            new ProtectionReport.Cover("weekly", "0 3 * * 0", "UTC", Set.of(7L)),
            new ProtectionReport.Cover("hourly", "15 * * * *", "UTC", Set.of(7L)));
    VmProtection row =
        ProtectionReport.of(
                List.of(new ProtectionReport.Vm(7, "db")),
                covers,
                Map.of(7L, NOW.minusSeconds(7200)),
                NOW)
            .get(0);
    assertEquals(List.of("weekly", "hourly"), row.flows());
    assertEquals(3600L, row.rpoTargetSeconds());
    assertEquals(ProtectionStatus.LATE, row.status());
  }

  @Test
  void aWeekdaySchedulePromisesTheWeekendsGap() {
    // Monday to Friday at 22:00: Friday 22:00 to Monday 22:00 is three days.
    assertEquals(3 * 86_400L, ProtectionReport.rpoSeconds("0 22 * * 1-5", "UTC", NOW));
    assertNull(ProtectionReport.rpoSeconds(null, "UTC", NOW));
  }

  @Test
  void vmsWithoutAFlowOrAPointOrASchedule() {
    List<ProtectionReport.Vm> vms =
        List.of(
            new ProtectionReport.Vm(1, "alone"),
            new ProtectionReport.Vm(2, "new"),
            new ProtectionReport.Vm(3, "by-hand"));
    List<ProtectionReport.Cover> covers =
        List.of(
            new ProtectionReport.Cover("nightly", "0 2 * * *", "Europe/Berlin", Set.of(2L)),
            new ProtectionReport.Cover("manual", null, "UTC", Set.of(3L)));
    List<VmProtection> rows =
        ProtectionReport.of(vms, covers, Map.of(1L, NOW, 3L, NOW.minusSeconds(10)), NOW);
    assertEquals(ProtectionStatus.UNPROTECTED, rows.get(0).status());
    assertEquals(List.of(), rows.get(0).flows());
    assertEquals(ProtectionStatus.NO_POINT, rows.get(1).status());
    assertNull(rows.get(1).ageSeconds());
    assertEquals(86_400L, rows.get(1).rpoTargetSeconds());
    assertEquals(ProtectionStatus.NO_SCHEDULE, rows.get(2).status());
    assertEquals(10L, rows.get(2).ageSeconds());
  }

  @Test
  void successRateCountsEndedRunsAndLeavesSkippedOnesApart() {
    FlowSuccess row =
        FlowSuccess.of(
            4,
            "nightly",
            true,
            7,
            Map.of(
                ExecutionStatus.SUCCESS, 2L,
                ExecutionStatus.PARTIAL, 0L,
                ExecutionStatus.FAILED, 1L,
                ExecutionStatus.SKIPPED, 5L));
    assertEquals(new FlowSuccess(4, "nightly", true, 7, 3, 2, 0, 1, 5, 66.7), row);
    assertNull(FlowSuccess.of(5, "idle", true, 7, Map.of()).successRatePercent());
  }
}
