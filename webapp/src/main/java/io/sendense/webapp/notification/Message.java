package io.sendense.webapp.notification;

import io.sendense.persistence.notification.NotificationEvent;

/**
 * What one notification says: a subject and plain text for mail, and the JSON body a webhook
 * receives (with the event, subject, text and the event's data).
 *
 * @param id the outbox message id, or null for a "Send test"
 */
public record Message(Long id, NotificationEvent event, String subject, String text, String json) {}
