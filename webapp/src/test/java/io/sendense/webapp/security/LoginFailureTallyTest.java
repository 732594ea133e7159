package io.sendense.webapp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.webapp.common.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginFailureTallyTest {
  private final MutableClock clock = new MutableClock("2026-11-27T10:00:00Z");
  private final LoginFailureTally tally = new LoginFailureTally(3, Duration.ofMinutes(5), clock);
  private final LoginFailureTally.Key mallory =
      new LoginFailureTally.Key("mallory", "10.0.0.1", "FAILURE");

  @Test
  void theFirstFailureIsAuditedAtOnceAndTheRestSummarised() {
    assertTrue(tally.first(mallory));
    for (int i = 0; i < 50; i++) {
      clock.advance(Duration.ofSeconds(1));
      assertFalse(tally.first(mallory));
    }
    List<LoginFailureTally.Summary> drained = tally.drain();
    assertEquals(1, drained.size());
    assertEquals(50, drained.get(0).count());
    assertEquals(clock.instant().minusSeconds(49), drained.get(0).first());
    assertEquals(clock.instant(), drained.get(0).last());
    assertFalse(tally.first(mallory), "still the same attack: counted");
    clock.advance(Duration.ofMinutes(6));
    assertEquals(1, tally.drain().get(0).count());
    assertEquals(List.of(), tally.drain(), "quiet for longer than 5 minutes: forgotten");
    assertTrue(tally.first(mallory), "after a quiet spell the next failure is audited at once");
  }

  @Test
  void aSingleFailureNeedsNoSummary() {
    assertTrue(tally.first(mallory));
    assertEquals(List.of(), tally.drain());
  }

  @Test
  void pastTheKeyLimitAttemptsAreCountedTogether() {
    for (int i = 0; i < 3; i++) {
      assertTrue(tally.first(new LoginFailureTally.Key("u" + i, "a" + i, "FAILURE")));
    }
    for (int i = 3; i < 100; i++) {
      assertFalse(tally.first(new LoginFailureTally.Key("u" + i, "a" + i, "FAILURE")));
    }
    List<LoginFailureTally.Summary> drained = tally.drain();
    assertEquals(1, drained.size());
    assertEquals(LoginFailureTally.MANY, drained.get(0).key().user());
    assertEquals(97, drained.get(0).count());
  }

  @Test
  void countedOnlyAttemptsAreNeverAuditedOnTheirOwn() {
    LoginFailureTally.Key refused = new LoginFailureTally.Key("mallory", "10.0.0.1", "DENIED");
    tally.count(refused);
    tally.count(refused);
    assertEquals(2, tally.drain().get(0).count());
  }

  @Test
  void resetDropsWhatAnotherAuditRowAccountsFor() {
    tally.first(mallory);
    tally.first(mallory);
    tally.reset(mallory);
    assertEquals(List.of(), tally.drain());
  }
}
