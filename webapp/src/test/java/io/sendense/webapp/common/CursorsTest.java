package io.sendense.webapp.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.sendense.persistence.common.Keyset;
import java.time.Instant;
import java.util.List;
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
  void aFullPageCarriesTheCursorOfItsLastRowAndAPageAfterACursorIsAlwaysCounted() {
    Instant t = Instant.parse("2026-12-07T03:00:00Z");
    List<Keyset> rows = List.of(new Keyset(t, 9), new Keyset(t.minusSeconds(1), 8));
    Page<Keyset> full = Cursors.page(rows, null, 0, 2, () -> 40, k -> k);
    assertEquals(40, full.total());
    assertEquals(new Keyset(t.minusSeconds(1), 8), Cursors.parse(full.next()));
    Page<Keyset> last = Cursors.page(rows.subList(0, 1), null, 0, 2, () -> fail("counted"), k -> k);
    assertEquals(1, last.total());
    assertNull(last.next());
    Page<Keyset> afterCursor =
        Cursors.page(rows.subList(0, 1), rows.get(0), 0, 2, () -> 40, k -> k);
    assertEquals(40, afterCursor.total(), "the rows before the cursor count too");
    assertNull(afterCursor.next());
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
