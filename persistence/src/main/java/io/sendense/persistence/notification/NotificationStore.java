package io.sendense.persistence.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Channels, rules, the outbox and the delivery log. The outbox is claimed with one conditional
 * UPDATE per message, so of several hubs draining it exactly one sends each message.
 */
@ApplicationScoped
public class NotificationStore {
  private static final String OUTBOX_COLUMNS =
      "id, channel_id, event, dedupe_key, subject, body_text, payload_json, status, attempts,"
          + " next_attempt_at, last_error, created_at, sent_at";

  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected NotificationStore() {}

  public NotificationStore(EntityManager em) {
    this.em = em;
  }

  public List<NotificationChannel> channels() {
    return em.createQuery(
            "SELECT c FROM NotificationChannel c ORDER BY c.name", NotificationChannel.class)
        .getResultList();
  }

  public Optional<NotificationChannel> channel(long id) {
    return Optional.ofNullable(em.find(NotificationChannel.class, id));
  }

  public Optional<NotificationChannel> channelNamed(String name) {
    return em.createQuery(
            "SELECT c FROM NotificationChannel c WHERE c.name = :n", NotificationChannel.class)
        .setParameter("n", name)
        .getResultStream()
        .findFirst();
  }

  public NotificationChannel save(NotificationChannel channel) {
    if (channel.getId() == null) {
      em.persist(channel);
      em.flush();
      return channel;
    }
    return em.merge(channel);
  }

  public void delete(NotificationChannel channel) {
    em.remove(em.contains(channel) ? channel : em.merge(channel));
  }

  public List<NotificationRule> rules() {
    return em.createQuery("SELECT r FROM NotificationRule r ORDER BY r.id", NotificationRule.class)
        .getResultList();
  }

  public Optional<NotificationRule> rule(long id) {
    return Optional.ofNullable(em.find(NotificationRule.class, id));
  }

  /** Enabled rules for the event: global ones and, for a flow's event, the flow's own. */
  public List<NotificationRule> rulesFor(NotificationEvent event, Long flowId) {
    return em.createQuery(
            "SELECT r FROM NotificationRule r WHERE r.enabled = TRUE AND r.event = :e"
                + " AND (r.flowId IS NULL OR r.flowId = :f)",
            NotificationRule.class)
        .setParameter("e", event)
        .setParameter("f", flowId == null ? -1L : flowId)
        .getResultList();
  }

  public NotificationRule save(NotificationRule rule) {
    if (rule.getId() == null) {
      em.persist(rule);
      em.flush();
      return rule;
    }
    return em.merge(rule);
  }

  public void delete(NotificationRule rule) {
    em.remove(em.contains(rule) ? rule : em.merge(rule));
  }

  /**
   * Queues a message unless the channel already has one with the same key (another rule, another
   * hub, or an earlier pass already queued it); returns whether this call queued it.
   */
  public boolean enqueue(
      long channelId,
      NotificationEvent event,
      String dedupeKey,
      String subject,
      String bodyText,
      String payloadJson,
      Instant now) {
    return em.createNativeQuery(
                "INSERT IGNORE INTO notification_outbox (channel_id, event, dedupe_key, subject,"
                    + " body_text, payload_json, status, next_attempt_at, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)")
            .setParameter(1, channelId)
            .setParameter(2, event.name())
            .setParameter(3, dedupeKey)
            .setParameter(4, subject)
            .setParameter(5, bodyText)
            .setParameter(6, payloadJson)
            .setParameter(7, Timestamp.from(now))
            .setParameter(8, Timestamp.from(now))
            .executeUpdate()
        == 1;
  }

  /** Ids of messages due now: pending and due, or claimed by a hub whose lease ran out. */
  @SuppressWarnings("unchecked")
  public List<Long> due(Instant now, int limit) {
    List<Number> ids =
        em.createNativeQuery(
                "SELECT id FROM notification_outbox WHERE (status = 'PENDING' AND next_attempt_at"
                    + " <= ?) OR (status = 'SENDING' AND lease_until < ?) ORDER BY id LIMIT ?")
            .setParameter(1, Timestamp.from(now))
            .setParameter(2, Timestamp.from(now))
            .setParameter(3, limit)
            .getResultList();
    return ids.stream().map(Number::longValue).toList();
  }

  /**
   * Claims a due message for {@code hub} until {@code leaseUntil}, counting the attempt; false if
   * it is not due (any more): another hub claimed or sent it.
   */
  public boolean claim(long id, String hub, Instant now, Instant leaseUntil) {
    return em.createNativeQuery(
                "UPDATE notification_outbox SET status = 'SENDING', claimed_by = ?,"
                    + " lease_until = ?, attempts = attempts + 1 WHERE id = ? AND ((status ="
                    + " 'PENDING' AND next_attempt_at <= ?) OR (status = 'SENDING' AND lease_until"
                    + " < ?))")
            .setParameter(1, hub)
            .setParameter(2, Timestamp.from(leaseUntil))
            .setParameter(3, id)
            .setParameter(4, Timestamp.from(now))
            .setParameter(5, Timestamp.from(now))
            .executeUpdate()
        == 1;
  }

  public Optional<OutboxMessage> message(long id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("SELECT " + OUTBOX_COLUMNS + " FROM notification_outbox WHERE id = ?")
            .setParameter(1, id)
            .getResultList();
    return rows.stream().findFirst().map(NotificationStore::outbox);
  }

  /** The newest messages, of one channel or of all ({@code channelId} null). */
  @SuppressWarnings("unchecked")
  public List<OutboxMessage> recentMessages(Long channelId, int limit) {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT "
                    + OUTBOX_COLUMNS
                    + " FROM notification_outbox WHERE (? IS NULL OR channel_id = ?)"
                    + " ORDER BY id DESC LIMIT ?")
            .setParameter(1, channelId)
            .setParameter(2, channelId)
            .setParameter(3, limit)
            .getResultList();
    return rows.stream().map(NotificationStore::outbox).toList();
  }

  /** Ends a claimed message: SENT, PENDING again at {@code next}, or FAILED (next null). */
  public boolean finish(
      long id, String hub, String status, Instant next, String error, Instant now) {
    return em.createNativeQuery(
                "UPDATE notification_outbox SET status = ?, next_attempt_at = COALESCE(?,"
                    + " next_attempt_at), last_error = ?, sent_at = ?, lease_until = NULL"
                    + " WHERE id = ? AND status = 'SENDING' AND claimed_by = ?")
            .setParameter(1, status)
            .setParameter(2, next == null ? null : Timestamp.from(next))
            .setParameter(3, error)
            .setParameter(4, OutboxMessage.SENT.equals(status) ? Timestamp.from(now) : null)
            .setParameter(5, id)
            .setParameter(6, hub)
            .executeUpdate()
        == 1;
  }

  public void logDelivery(
      long channelId,
      Long outboxId,
      NotificationEvent event,
      int attempt,
      String outcome,
      String detail,
      String hub,
      long durationMs,
      Instant at) {
    em.createNativeQuery(
            "INSERT INTO notification_deliveries (channel_id, outbox_id, event, attempt, outcome,"
                + " detail, hub, duration_ms, attempted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .setParameter(1, channelId)
        .setParameter(2, outboxId)
        .setParameter(3, event.name())
        .setParameter(4, attempt)
        .setParameter(5, outcome)
        .setParameter(6, detail)
        .setParameter(7, hub)
        .setParameter(8, durationMs)
        .setParameter(9, Timestamp.from(at))
        .executeUpdate();
  }

  /** The delivery log, newest first, of one channel or of all ({@code channelId} null). */
  @SuppressWarnings("unchecked")
  public List<DeliveryRecord> deliveries(Long channelId, int limit) {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, channel_id, outbox_id, event, attempt, outcome, detail, hub,"
                    + " duration_ms, attempted_at FROM notification_deliveries"
                    + " WHERE (? IS NULL OR channel_id = ?) ORDER BY id DESC LIMIT ?")
            .setParameter(1, channelId)
            .setParameter(2, channelId)
            .setParameter(3, limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new DeliveryRecord(
                    ((Number) r[0]).longValue(),
                    ((Number) r[1]).longValue(),
                    r[2] == null ? null : ((Number) r[2]).longValue(),
                    NotificationEvent.valueOf((String) r[3]),
                    ((Number) r[4]).intValue(),
                    (String) r[5],
                    (String) r[6],
                    (String) r[7],
                    ((Number) r[8]).longValue(),
                    instant(r[9])))
        .toList();
  }

  private static OutboxMessage outbox(Object[] r) {
    return new OutboxMessage(
        ((Number) r[0]).longValue(),
        ((Number) r[1]).longValue(),
        NotificationEvent.valueOf((String) r[2]),
        (String) r[3],
        (String) r[4],
        (String) r[5],
        (String) r[6],
        (String) r[7],
        ((Number) r[8]).intValue(),
        instant(r[9]),
        (String) r[10],
        instant(r[11]),
        instant(r[12]));
  }

  static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof LocalDateTime l) {
      return l.atZone(ZoneId.systemDefault()).toInstant();
    }
    return (Instant) value;
  }
}
