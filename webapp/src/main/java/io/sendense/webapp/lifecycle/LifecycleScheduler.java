package io.sendense.webapp.lifecycle;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every minute: if the daily retention sweep is due (at {@code sendense.retention.sweep-hour} UTC,
 * default 3), the hub that claims it queues retention for every flow with rules and rolls open
 * merges forward; and each repository whose scheduled verification is due (every {@code
 * verify_interval_days}, default 7) is verified by the hub that claims it.
 */
@Singleton
@Startup
// No tick on a catalog still being migrated (WildFly starts timers while the WAR deploys).
@DependsOn("HubBootstrap")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LifecycleScheduler {
  private static final Logger LOG = Logger.getLogger(LifecycleScheduler.class.getName());

  @Inject LifecycleClaims claims;
  @Inject Event<DailySweep> sweep;
  @Inject VerificationService verification;
  @Inject LifecycleWorker worker;
  @Inject MergeRecovery recovery;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "sendense.retention.sweep-hour", defaultValue = "3")
  int sweepHour;

  @Schedule(second = "30", minute = "*", hour = "*", persistent = false)
  void tick() {
    try {
      Instant now = clock.instant();
      if (claims.claimSweep(now, nextSweep(now, sweepHour), hub())) {
        LOG.info("Daily retention sweep");
        worker.submit("recover", recovery::recover);
        sweep.fire(new DailySweep(now));
      }
      claims.claimVerifications(now).forEach(verification::requestRepository);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Lifecycle tick failed; the next tick retries", e);
    }
  }

  /** The next time the sweep runs after {@code now}: today or tomorrow at the hour, UTC. */
  static Instant nextSweep(Instant now, int hour) {
    ZonedDateTime at =
        now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withHour(Math.floorMod(hour, 24));
    return (at.toInstant().isAfter(now) ? at : at.plusDays(1)).toInstant();
  }

  private static String hub() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "hub";
    }
  }
}
