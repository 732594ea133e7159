package io.sendense.webapp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PushThrottleTest {
  private final PushThrottle throttle = new PushThrottle(1000);

  @Test
  void theFirstChangeOfAChannelIsPushedAtOnce() {
    assertEquals(0, throttle.changed("jobs", 5_000));
  }

  @Test
  void changesWhileAPushIsDueRideOnIt() {
    assertEquals(0, throttle.changed("jobs", 5_000));
    assertEquals(-1, throttle.changed("jobs", 5_001));
    assertEquals(-1, throttle.changed("jobs", 5_002));
  }

  @Test
  void aChangeRightAfterAPushWaitsForTheRestOfTheInterval() {
    throttle.changed("jobs", 5_000);
    throttle.sending("jobs", 5_000);
    assertEquals(700, throttle.changed("jobs", 5_300));
    assertEquals(-1, throttle.changed("jobs", 5_600));
    throttle.sending("jobs", 6_000);
    assertEquals(0, throttle.changed("jobs", 7_500));
  }

  @Test
  void channelsAreThrottledApart() {
    throttle.changed("jobs", 5_000);
    throttle.sending("jobs", 5_000);
    assertEquals(0, throttle.changed("flows", 5_100));
    assertEquals(900, throttle.changed("jobs", 5_100));
  }
}
