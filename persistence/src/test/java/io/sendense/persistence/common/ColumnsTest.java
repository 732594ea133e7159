package io.sendense.persistence.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ColumnsTest {
  @Test
  void textThatFitsIsKeptAsItIs() {
    assertNull(Columns.fit(null, 10));
    assertEquals("", Columns.fit("", 10));
    assertEquals("0123456789", Columns.fit("0123456789", 10));
  }

  @Test
  void longerTextIsCutToTheColumnAndSaysSo() {
    assertEquals("0123456...", Columns.fit("0123456789x", 10));
    String cut = Columns.fit("e".repeat(5000), 4000);
    assertEquals(4000, cut.length());
    assertEquals("e".repeat(3997) + "...", cut);
  }
}
