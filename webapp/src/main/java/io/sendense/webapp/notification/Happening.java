package io.sendense.webapp.notification;

import io.sendense.persistence.notification.NotificationEvent;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Map;

/**
 * Something that happened that rules may send: the event, the flow it concerns (null for events of
 * the hub), a key naming the happening (one message per channel and key, however often it is
 * reported), and what the message says.
 */
public record Happening(
    NotificationEvent event,
    Long flowId,
    String key,
    String subject,
    String text,
    Map<String, Object> data) {

  /** The webhook body: {@code {event, subject, text, occurredAt, data}}. */
  public String json(Instant occurredAt) {
    JsonObjectBuilder d = Json.createObjectBuilder();
    data.forEach(
        (k, v) -> {
          if (v == null) {
            d.addNull(k);
          } else if (v instanceof Long || v instanceof Integer) {
            d.add(k, ((Number) v).longValue());
          } else if (v instanceof Boolean b) {
            d.add(k, b);
          } else {
            d.add(k, v.toString());
          }
        });
    return Json.createObjectBuilder()
        .add("event", event.name())
        .add("subject", subject)
        .add("text", text)
        .add("occurredAt", occurredAt.toString())
        .add("data", d)
        .build()
        .toString();
  }

  /** The mail subject: prefixed so that mail filters can sort the hub's messages. */
  public String mailSubject() {
    return "[Sendense] " + subject;
  }
}
