package io.sendense.webapp.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The clock the flow engine reads; tests of the pure logic pass a fixed one instead. */
@ApplicationScoped
public class Clocks {
  @Produces
  Clock clock() {
    return Clock.systemUTC();
  }
}
