package io.sendense.persistence.notification;

import java.time.Instant;

/** One message of the outbox: what to send to which channel, and how its sending went. */
public record OutboxMessage(
    long id,
    long channelId,
    NotificationEvent event,
    String dedupeKey,
    String subject,
    String bodyText,
    String payloadJson,
    String status,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt,
    Instant sentAt) {
  public static final String PENDING = "PENDING";
  public static final String SENDING = "SENDING";
  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";
}
