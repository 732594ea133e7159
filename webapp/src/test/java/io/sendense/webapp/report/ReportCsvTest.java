package io.sendense.webapp.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportCsvTest {
  @Test
  void protectionRowsAreQuotedAndFormulasDefused() {
    String csv =
        ReportCsv.protection(
            List.of(
                new VmProtection(
                    3,
                    "=HYPERLINK(\"x\")",
                    List.of("a, b", "c"),
                    86_400L,
                    Instant.parse("2026-12-05T02:10:00Z"),
                    35_400L,
                    ProtectionStatus.OK),
                new VmProtection(
                    4, "plain", List.of(), null, null, null, ProtectionStatus.UNPROTECTED)));
    assertEquals(
        "vm_id,vm,flows,rpo_target_seconds,last_good_point_at,age_seconds,status\r\n"
            + "3,\"'=HYPERLINK(\"\"x\"\")\",\"a, b; c\",86400,2026-12-05T02:10:00Z,35400,OK\r\n"
            + "4,plain,,,,,UNPROTECTED\r\n",
        csv);
  }

  @Test
  void flowRowsCarryTheRate() {
    assertEquals(
        "flow_id,flow,enabled,days,runs,succeeded,partial,failed,skipped,success_rate_percent\r\n"
            + "4,nightly,true,7,3,2,0,1,5,66.7\r\n",
        ReportCsv.flows(List.of(new FlowSuccess(4, "nightly", true, 7, 3, 2, 0, 1, 5, 66.7))));
  }
}
