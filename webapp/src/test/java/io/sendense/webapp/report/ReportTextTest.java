package io.sendense.webapp.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReportTextTest {
  @Test
  void durationsToTheMinute() {
    assertEquals("-", ReportText.duration(null));
    assertEquals("0 min", ReportText.duration(59L));
    assertEquals("12 min", ReportText.duration(12 * 60L + 5));
    assertEquals("6 h", ReportText.duration(6 * 3600L));
    assertEquals("5 h 07 min", ReportText.duration(5 * 3600L + 7 * 60));
    assertEquals("1 d", ReportText.duration(86_400L));
    assertEquals("2 d 3 h", ReportText.duration(2 * 86_400L + 3 * 3600 + 59 * 60));
  }

  @Test
  void percentWithOneDecimal() {
    assertEquals("-", ReportText.percent(null));
    assertEquals("28.6 %", ReportText.percent(28.6));
    assertEquals("100.0 %", ReportText.percent(100.0));
  }
}
