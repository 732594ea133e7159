package io.sendense.webapp.immutability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.webapp.common.Refusal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockRulesTest {
  private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");

  @Test
  void aNewPointIsLockedUntilItsCompletionPlusTheRepositorysDays() {
    assertEquals(
        Instant.parse("2026-12-12T08:00:00Z"), LockRules.until(NOW, 7), "7 days after completion");
    assertNull(LockRules.until(NOW, 0), "0 days: no lock");
  }

  @Test
  void aLockHoldsUntilItsEndAndNotAtIt() {
    Instant until = NOW.plusSeconds(60);
    assertTrue(LockRules.holds(until, NOW));
    assertFalse(LockRules.holds(until, until));
    assertFalse(LockRules.holds(null, NOW));
  }

  @Test
  void aLockIsExtendedButNeverShortened() {
    Instant current = NOW.plusSeconds(86_400);
    Instant later = NOW.plusSeconds(2 * 86_400);
    assertEquals(later, LockRules.extended(current, later, NOW));
    Refusal shorter =
        assertThrows(Refusal.class, () -> LockRules.extended(current, NOW.plusSeconds(3600), NOW));
    assertEquals(409, shorter.status());
    assertTrue(shorter.getMessage().contains(current.toString()), shorter.getMessage());
    assertEquals(later, LockRules.extended(null, later, NOW), "a point without a lock gets one");
    assertEquals(
        400, assertThrows(Refusal.class, () -> LockRules.extended(null, NOW, NOW)).status());
    assertEquals(
        400,
        assertThrows(
                Refusal.class, () -> LockRules.extended(null, NOW.plusSeconds(86_400L * 4000), NOW))
            .status());
  }
}
