package io.sendense.webapp.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.persistence.common.Keyset;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CursorsTest {
  @Test
  void aCursorStandsForTheTimeAndIdItWasMadeOf() {
    Instant at = Instant.parse("2026-12-07T01:02:03.456789Z");
    assertEquals(new Keyset(at, 42), Cursors.parse(Cursors.after(at, 42)));
    assertNull(Cursors.parse(null));
    assertNull(Cursors.parse(" "));
  }

  @Test
  void aCursorTheApiDidNotGiveIsA400() {
    for (String bad :
        new String[] {"%%%", "bm90IGEgY3Vyc29y", Cursors.after(Instant.EPOCH, 1) + "x"}) {
      Refusal refusal = assertThrows(Refusal.class, () -> Cursors.parse(bad), bad);
      assertEquals(400, refusal.status());
    }
  }
}
