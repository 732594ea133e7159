package io.sendense.webapp.notification;

import io.sendense.persistence.notification.NotificationEvent;
import io.sendense.persistence.notification.NotificationRule;
import io.sendense.persistence.notification.NotificationStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.function.Function;

/**
 * Turns a happening into outbox messages: one per channel that a matching rule (global, or the
 * flow's own) names, in one transaction. The outbox's unique key makes a second report of the same
 * happening (another hub, a replayed event) queue nothing.
 */
@ApplicationScoped
public class NotificationRouter {
  @Inject NotificationStore store;
  @Inject NotificationOutbox outbox;

  /** Queues the happening for every channel whose rules want it; returns how many were queued. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int route(Happening h) {
    return route(h.event(), h.flowId(), rule -> h);
  }

  /**
   * Queues, for each enabled rule of {@code event} (global, or of flow {@code flowId}), what {@code
   * perRule} makes of it (null: nothing for that rule) on the rule's channel.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int route(
      NotificationEvent event, Long flowId, Function<NotificationRule, Happening> perRule) {
    int queued = 0;
    for (NotificationRule rule : store.rulesFor(event, event.perFlow() ? flowId : null)) {
      Happening h = perRule.apply(rule);
      if (h != null
          && store.channel(rule.getChannelId()).filter(c -> c.isEnabled()).isPresent()
          && outbox.enqueueHere(rule.getChannelId(), h)) {
        queued++;
      }
    }
    return queued;
  }

  /** Whether any enabled rule listens for the event (to skip building messages no one wants). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean wanted(NotificationEvent event) {
    return !store.rulesFor(event, null).isEmpty()
        || event.perFlow() && store.rules().stream().anyMatch(r -> r.getEvent() == event);
  }
}
