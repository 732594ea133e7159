package io.sendense.webapp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.webapp.common.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final MutableClock clock = new MutableClock("2026-11-27T10:00:00Z");
  private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(5), 100, clock);

  @Test
  void blocksAfterTooManyFailuresUntilTheWindowPasses() {
    for (int i = 0; i < 3; i++) {
      assertEquals(Duration.ZERO, throttle.retryAfter("admin", "10.0.0.1"));
      throttle.failed("admin", "10.0.0.1");
      clock.advance(Duration.ofSeconds(10));
    }
    assertEquals(Duration.ofSeconds(270), throttle.retryAfter("admin", "10.0.0.1"));
    clock.advance(Duration.ofSeconds(270));
    assertEquals(Duration.ZERO, throttle.retryAfter("admin", "10.0.0.1"));
  }

  @Test
  void otherAddressesAndUsersAreNotBlockedByOneUsersFailures() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("Admin", "10.0.0.1");
    }
    assertEquals(Duration.ofMinutes(5), throttle.retryAfter("admin", "10.0.0.1"));
    assertEquals(Duration.ZERO, throttle.retryAfter("admin", "10.0.0.2"));
    assertEquals(Duration.ZERO, throttle.retryAfter("viewer", "10.0.0.1"));
  }

  @Test
  void anAddressTryingManyUserNamesIsBlockedForAllOfThem() {
    for (int i = 0; i < 5; i++) {
      assertEquals(Duration.ZERO, throttle.retryAfter("user" + i, "10.0.0.9"));
      throttle.failed("user" + i, "10.0.0.9");
    }
    assertEquals(Duration.ofMinutes(5), throttle.retryAfter("someone-new", "10.0.0.9"));
    assertEquals(Duration.ofMinutes(5), throttle.retryAfter("admin", "10.0.0.9"));
    assertEquals(Duration.ZERO, throttle.retryAfter("admin", "10.0.0.10"));
  }

  @Test
  void failedSaysWhichFailureStartsTheRefusal() {
    assertFalse(throttle.failed("admin", "a"));
    assertFalse(throttle.failed("admin", "a"));
    assertTrue(throttle.failed("admin", "a"));
    assertFalse(throttle.failed("admin", "a"), "already refused: not a new start");
  }

  @Test
  void successClearsTheUsersFailuresButNotTheAddressTotal() {
    throttle.failed("admin", "a");
    throttle.failed("admin", "a");
    throttle.succeeded("admin", "a");
    throttle.failed("admin", "a");
    throttle.failed("admin", "a");
    assertEquals(Duration.ZERO, throttle.retryAfter("admin", "a"));
    throttle.failed("other", "a");
    assertEquals(Duration.ofMinutes(5), throttle.retryAfter("admin", "a"), "5 from address a");
  }

  @Test
  void memoryStaysBoundedUnderAFloodOfAddresses() {
    for (int i = 0; i < 10_000; i++) {
      throttle.failed("user" + i, "10.1." + (i / 250) + "." + (i % 250));
    }
    assertTrue(throttle.size() <= 100, "tracked keys: " + throttle.size());
    clock.advance(Duration.ofMinutes(5));
    throttle.prune();
    assertEquals(0, throttle.size());
  }
}
