package io.sendense.webapp.notification;

import io.sendense.persistence.notification.DeliveryRecord;
import io.sendense.persistence.notification.NotificationChannel.Kind;
import io.sendense.persistence.notification.NotificationEvent;
import io.sendense.persistence.notification.OutboxMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * One pass over the outbox: every due message is claimed in the catalog (of several hubs exactly
 * one wins it), sent, and ended SENT, PENDING again after a backoff, or FAILED when the policy
 * gives up; every attempt goes to the delivery log. Kept free of the container so tests drive it
 * with a fixed clock, like the scheduler's tick.
 */
public final class NotificationTick {
  private static final Logger LOG = Logger.getLogger(NotificationTick.class.getName());
  static final Duration LEASE = Duration.ofMinutes(2);
  static final int BATCH = 50;

  private final Outbox outbox;
  private final Function<Kind, Sender> senders;
  private final RetryPolicy policy;
  private final Clock clock;
  private final String hub;

  public NotificationTick(
      Outbox outbox, Function<Kind, Sender> senders, RetryPolicy policy, Clock clock, String hub) {
    this.outbox = outbox;
    this.senders = senders;
    this.policy = policy;
    this.clock = clock;
    this.hub = hub;
  }

  /** Sends what is due; returns how many messages this hub sent. */
  public int run() {
    int sent = 0;
    Instant now = clock.instant();
    for (long id : outbox.due(now, BATCH)) {
      if (!outbox.claim(id, hub, now, now.plus(LEASE))) {
        continue;
      }
      Optional<Claimed> claimed = outbox.open(id);
      if (claimed.isPresent() && deliver(claimed.get())) {
        sent++;
      }
    }
    return sent;
  }

  private boolean deliver(Claimed claimed) {
    OutboxMessage m = claimed.message();
    Instant start = clock.instant();
    if (claimed.channel().isEmpty()) {
      String why = "The channel is disabled or gone; the message is not sent";
      outbox.finish(m.id(), hub, OutboxMessage.FAILED, null, why, start);
      outbox.log(
          m.channelId(), m.id(), m.event(), m.attempts(), DeliveryRecord.FAILED, why, hub, 0);
      return false;
    }
    Sender.Channel channel = claimed.channel().get();
    Message message = new Message(m.id(), m.event(), m.subject(), m.bodyText(), m.payloadJson());
    try {
      String answer = senders.apply(channel.settings().kind()).send(channel, message);
      Instant end = clock.instant();
      outbox.finish(m.id(), hub, OutboxMessage.SENT, null, null, end);
      outbox.log(
          m.channelId(),
          m.id(),
          m.event(),
          m.attempts(),
          DeliveryRecord.SENT,
          answer,
          hub,
          Duration.between(start, end).toMillis());
      return true;
    } catch (DeliveryFailure e) {
      Instant end = clock.instant();
      Instant next = e.retryable() ? policy.next(m.attempts(), end) : null;
      String error =
          e.getMessage() + (next == null ? " (gave up)" : " (next attempt " + next + ")");
      outbox.finish(
          m.id(),
          hub,
          next == null ? OutboxMessage.FAILED : OutboxMessage.PENDING,
          next,
          error,
          end);
      outbox.log(
          m.channelId(),
          m.id(),
          m.event(),
          m.attempts(),
          DeliveryRecord.FAILED,
          error,
          hub,
          Duration.between(start, end).toMillis());
      LOG.warning(() -> "Notification " + m.id() + " to " + channel + " failed: " + error);
      return false;
    }
  }

  /** A claimed message and its channel, opened (empty when disabled or deleted). */
  public record Claimed(OutboxMessage message, Optional<Sender.Channel> channel) {}

  /** What the tick needs from the catalog. */
  public interface Outbox {
    List<Long> due(Instant now, int limit);

    boolean claim(long id, String hub, Instant now, Instant leaseUntil);

    Optional<Claimed> open(long id);

    void finish(long id, String hub, String status, Instant next, String error, Instant now);

    void log(
        long channelId,
        Long outboxId,
        NotificationEvent event,
        int attempt,
        String outcome,
        String detail,
        String hub,
        long durationMs);
  }
}
