package io.sendense.webapp.notification;

import io.sendense.persistence.notification.NotificationEvent;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every 5 seconds: sends what is due in the outbox ({@link NotificationTick}); once a minute also
 * queues the repository capacity warnings and, after the summary hour, the day's summary. Several
 * hubs on one catalog each run this: the outbox claim lets exactly one send each message, and the
 * outbox key lets a happening be queued once per channel (capacity once a day per repository and
 * threshold, the summary once a day).
 */
@Singleton
@Startup
// No tick on a catalog still being migrated (WildFly starts timers while the WAR deploys).
@DependsOn("HubBootstrap")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotificationWorker {
  private static final Logger LOG = Logger.getLogger(NotificationWorker.class.getName());

  @Inject NotificationOutbox outbox;
  @Inject NotificationFacts facts;
  @Inject NotificationRouter router;
  @Inject Senders senders;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "sendense.notifications.retry-seconds", defaultValue = "30")
  long retrySeconds;

  @Inject
  @ConfigProperty(name = "sendense.notifications.retry-max-seconds", defaultValue = "3600")
  long retryMaxSeconds;

  @Inject
  @ConfigProperty(name = "sendense.notifications.attempts", defaultValue = "8")
  int attempts;

  @Inject
  @ConfigProperty(name = "sendense.notifications.summary-hour", defaultValue = "7")
  int summaryHour;

  private Instant lastChecks = Instant.EPOCH;
  private LocalDate summarized;

  @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
  void tick() {
    try {
      RetryPolicy policy =
          new RetryPolicy(
              Duration.ofSeconds(Math.max(1, retrySeconds)),
              Duration.ofSeconds(Math.max(1, retryMaxSeconds)),
              Math.max(1, attempts));
      new NotificationTick(outbox, senders::of, policy, clock, senders.hub()).run();
      Instant now = clock.instant();
      if (Duration.between(lastChecks, now).toSeconds() >= 60) {
        lastChecks = now;
        capacity(now);
        summary(now);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Notification tick failed; the next tick retries", e);
    }
  }

  private void capacity(Instant now) {
    if (!router.wanted(NotificationEvent.REPOSITORY_CAPACITY)) {
      return;
    }
    String day = LocalDate.ofInstant(now, ZoneId.systemDefault()).toString();
    for (NotificationFacts.Capacity c : facts.capacities()) {
      router.route(
          NotificationEvent.REPOSITORY_CAPACITY,
          null,
          rule ->
              rule.getThresholdPercent() != null && c.percent() >= rule.getThresholdPercent()
                  ? Happenings.capacity(
                      c.id(), c.name(), c.used(), c.total(), rule.getThresholdPercent(), day)
                  : null);
    }
  }

  private void summary(Instant now) {
    ZonedDateTime local = now.atZone(ZoneId.systemDefault());
    if (local.getHour() < summaryHour || !router.wanted(NotificationEvent.DAILY_SUMMARY)) {
      return;
    }
    if (!local.toLocalDate().equals(summarized)) {
      router.route(facts.summary(local.toLocalDate().toString(), now.minus(Duration.ofDays(1))));
      summarized = local.toLocalDate();
    }
  }
}
