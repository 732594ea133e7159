package io.sendense.webapp.notification;

import io.sendense.persistence.common.Columns;
import io.sendense.persistence.notification.NotificationEvent;
import io.sendense.persistence.notification.NotificationStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox in the catalog, each call its own transaction: a claim commits before the message is
 * sent, and the end of a delivery commits whatever else fails afterwards.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class NotificationOutbox implements NotificationTick.Outbox {
  @Inject NotificationStore store;
  @Inject ChannelVault vault;
  @Inject Clock clock;

  /**
   * Queues the happening for one channel, in the caller's transaction (the router queues all
   * channels in one); false if the channel already has it.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean enqueueHere(long channelId, Happening h) {
    Instant now = clock.instant();
    return store.enqueue(
        channelId,
        h.event(),
        h.key(),
        Columns.fit(h.mailSubject(), 255),
        h.text(),
        h.json(now),
        now);
  }

  @Override
  public List<Long> due(Instant now, int limit) {
    return store.due(now, limit);
  }

  @Override
  public boolean claim(long id, String hub, Instant now, Instant leaseUntil) {
    return store.claim(id, hub, now, leaseUntil);
  }

  @Override
  public Optional<NotificationTick.Claimed> open(long id) {
    return store
        .message(id)
        .map(m -> new NotificationTick.Claimed(m, vault.open(m.channelId(), false)));
  }

  @Override
  public void finish(long id, String hub, String status, Instant next, String error, Instant now) {
    store.finish(id, hub, status, next, Columns.fit(error, 1000), now);
  }

  @Override
  public void log(
      long channelId,
      Long outboxId,
      NotificationEvent event,
      int attempt,
      String outcome,
      String detail,
      String hub,
      long durationMs) {
    store.logDelivery(
        channelId,
        outboxId,
        event,
        attempt,
        outcome,
        Columns.fit(detail, 1000),
        hub,
        durationMs,
        clock.instant());
  }
}
