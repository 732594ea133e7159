package io.sendense.webapp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatViewTest {
  private final FormatView format = new FormatView();

  @Test
  void bytesUseBinaryUnitsWithOneDecimal() {
    assertEquals("-", format.bytes(null));
    assertEquals("1023 B", format.bytes(1023L));
    assertEquals("1.0 KiB", format.bytes(1024L));
    assertEquals("1.5 GiB", format.bytes(3L << 29));
    assertEquals("2.0 TiB", format.bytes(2L << 40));
  }

  @Test
  void trackingNamesTheWayAPointFoundItsData() {
    assertEquals("-", format.tracking(null));
    assertEquals("CBT", format.tracking("CBT"));
    assertEquals("Content compare", format.tracking("CONTENT_COMPARE"));
    assertEquals("Full", format.tracking("NONE_FULL"));
  }
}
