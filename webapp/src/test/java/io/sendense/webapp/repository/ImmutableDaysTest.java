package io.sendense.webapp.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.webapp.common.Refusal;
import org.junit.jupiter.api.Test;

class ImmutableDaysTest {
  @Test
  void repositoryDaysOutsideTheRangeAreRefusedNamingTheField() {
    assertEquals(0, ImmutableDays.checked(null));
    assertEquals(30, ImmutableDays.checked(30));
    assertEquals(ImmutableDays.MAX, ImmutableDays.checked(ImmutableDays.MAX));
    Refusal r = assertThrows(Refusal.class, () -> ImmutableDays.checked(-1));
    assertEquals(400, r.status());
    assertTrue(r.getMessage().startsWith("immutableDays must be between 0"), r.getMessage());
    assertThrows(Refusal.class, () -> ImmutableDays.checked(ImmutableDays.MAX + 1));
  }
}
