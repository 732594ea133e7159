package io.sendense.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExitStatusTest {
  @Test
  void aReasonThatFitsIsKeptWhole() {
    String fits = "x".repeat(500);
    assertEquals(fits, ExitStatus.of(fits));
  }

  @Test
  void aLongerReasonIsCutTo500WithAnEllipsis() {
    String cut = ExitStatus.of("y".repeat(498) + "zzz");
    assertEquals(500, cut.length());
    assertEquals("y".repeat(497) + "...", cut);
  }
}
