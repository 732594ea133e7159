package io.sendense.persistence.notification;

import java.time.Instant;

/** One attempt to deliver a message (or a "Send test"), as the delivery log shows it. */
public record DeliveryRecord(
    long id,
    long channelId,
    Long outboxId,
    NotificationEvent event,
    int attempt,
    String outcome,
    String detail,
    String hub,
    long durationMs,
    Instant attemptedAt) {
  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";
}
