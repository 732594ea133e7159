package io.sendense.webapp.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The hub's one clock: every bean that needs the time injects {@link Clock} instead of reading
 * {@code Instant.now()}, so tests of its logic pass a fixed one.
 */
@ApplicationScoped
public class Clocks {
  @Produces
  Clock clock() {
    return Clock.systemUTC();
  }
}
