package io.sendense.webapp.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleBuilderTest {
  @Test
  void commonCasesRoundTrip() {
    for (String cron : List.of("30 2 * * *", "0 22 * * 1,3,5", "15 */6 * * *")) {
      ScheduleBuilder b = ScheduleBuilder.of(cron);
      assertEquals(cron, b.cron());
      CronExpression.parse(b.cron());
    }
    assertEquals(ScheduleBuilder.Mode.WEEKLY, ScheduleBuilder.of("0 22 * * 1,3,5").getMode());
    assertEquals(ScheduleBuilder.Mode.HOURS, ScheduleBuilder.of("15 */6 * * *").getMode());
  }

  @Test
  void anythingElseIsCustomAndBlankIsManual() {
    ScheduleBuilder custom = ScheduleBuilder.of("0 0 1 * MON");
    assertEquals(ScheduleBuilder.Mode.CUSTOM, custom.getMode());
    assertEquals("0 0 1 * MON", custom.cron());
    assertEquals(ScheduleBuilder.Mode.MANUAL, ScheduleBuilder.of(null).getMode());
    assertNull(ScheduleBuilder.of(" ").cron());
  }

  @Test
  void fieldsMakeTheExpression() {
    ScheduleBuilder b = new ScheduleBuilder();
    b.setMode(ScheduleBuilder.Mode.WEEKLY);
    b.setHour(23);
    b.setMinute(45);
    b.setWeekdays(List.of("5", "0"));
    assertEquals("45 23 * * 0,5", b.cron());
    b.setMode(ScheduleBuilder.Mode.HOURS);
    b.setEveryHours(8);
    assertEquals("45 */8 * * *", b.cron());
  }
}
