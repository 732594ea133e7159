package io.sendense.webapp.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void closedOpenAndSuffixRangesAreClippedToTheFile() {
    assertEquals(Optional.of(new ByteRange(0, 99)), ByteRange.parse("bytes=0-99", 1000));
    assertEquals(Optional.of(new ByteRange(500, 999)), ByteRange.parse("bytes=500-", 1000));
    assertEquals(Optional.of(new ByteRange(900, 999)), ByteRange.parse("bytes=900-5000", 1000));
    assertEquals(Optional.of(new ByteRange(800, 999)), ByteRange.parse("bytes=-200", 1000));
    assertEquals(Optional.of(new ByteRange(0, 999)), ByteRange.parse("bytes=-5000", 1000));
    assertEquals(Optional.of(new ByteRange(7, 7)), ByteRange.parse(" Bytes=7-7 ", 1000));
    assertEquals(100, new ByteRange(0, 99).length());
    assertEquals("bytes 0-99/1000", new ByteRange(0, 99).contentRange(1000));
  }

  @Test
  void headersTheServerMayIgnoreMeanTheWholeFile() {
    for (String header :
        new String[] {
          null,
          "",
          "items=0-1",
          "bytes=0-1,5-6",
          "bytes=",
          "bytes=-",
          "bytes=5-2",
          "bytes=a-b",
          "bytes=1",
          "bytes=-1-2",
          "bytes=0x10-"
        }) {
      assertEquals(Optional.empty(), ByteRange.parse(header, 1000), String.valueOf(header));
    }
  }

  @Test
  void rangesOutsideTheFileAreNotSatisfiable() {
    assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=1000-", 1000));
    assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=1000-2000", 1000));
    assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=-0", 1000));
    assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=0-", 0));
    assertThrows(
        ByteRange.Unsatisfiable.class,
        () -> ByteRange.parse("bytes=99999999999999999999999-", 1000));
  }
}
