package io.sendense.webapp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private Instant now = Instant.parse("2026-11-27T10:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), clock);

  @Test
  void blocksAfterTooManyFailuresUntilTheWindowPasses() {
    for (int i = 0; i < 3; i++) {
      assertEquals(Duration.ZERO, throttle.retryAfter("admin", "10.0.0.1"));
      throttle.failed("admin", "10.0.0.1");
      now = now.plusSeconds(10);
    }
    assertEquals(Duration.ofSeconds(270), throttle.retryAfter("admin", "10.0.0.1"));
    now = now.plusSeconds(270);
    assertEquals(Duration.ZERO, throttle.retryAfter("admin", "10.0.0.1"));
  }

  @Test
  void otherAddressesAndUsersAreNotBlocked() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("Admin", "10.0.0.1");
    }
    assertEquals(Duration.ofMinutes(5), throttle.retryAfter("admin", "10.0.0.1"));
    assertEquals(Duration.ZERO, throttle.retryAfter("admin", "10.0.0.2"));
    assertEquals(Duration.ZERO, throttle.retryAfter("viewer", "10.0.0.1"));
  }

  @Test
  void successClearsTheFailures() {
    throttle.failed("admin", "a");
    throttle.failed("admin", "a");
    throttle.succeeded("admin", "a");
    throttle.failed("admin", "a");
    throttle.failed("admin", "a");
    assertEquals(Duration.ZERO, throttle.retryAfter("admin", "a"));
  }
}
