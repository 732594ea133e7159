package io.sendense.webapp.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FieldsTest {
  @Test
  void aNameIsStrippedAndHasOneTo128Characters() {
    assertEquals("Nightly", Fields.name("  Nightly \t"));
    assertEquals("x".repeat(128), Fields.name(" " + "x".repeat(128) + " "));
    for (String bad : new String[] {null, "", "   ", "x".repeat(129)}) {
      Refusal refusal = assertThrows(Refusal.class, () -> Fields.name(bad), String.valueOf(bad));
      assertEquals(400, refusal.status());
      assertEquals("name must have 1 to 128 characters", refusal.getMessage());
    }
  }

  @Test
  void aLongValueIsRefusedNamingItsFieldAndLength() {
    assertEquals("abc", Fields.atMost("note", "abc", 3));
    assertEquals(null, Fields.atMost("note", null, 3));
    Refusal refusal = assertThrows(Refusal.class, () -> Fields.atMost("note", "abcd", 3));
    assertEquals("note must have at most 3 characters (it has 4)", refusal.getMessage());
  }
}
