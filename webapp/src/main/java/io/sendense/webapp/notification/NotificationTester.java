package io.sendense.webapp.notification;

import io.sendense.persistence.notification.DeliveryRecord;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * "Send test": sends one message over a channel now, on the caller's thread, and answers how it
 * went. It never enters the outbox, so no worker sends it again, and it is not retried; the attempt
 * is in the delivery log.
 */
@ApplicationScoped
public class NotificationTester {
  @Inject ChannelVault vault;
  @Inject NotificationOutbox outbox;
  @Inject Senders senders;
  @Inject Clock clock;

  /** What a test delivery did: sent or not, and the server's answer or the error. */
  public record TestResult(boolean sent, String detail, long durationMs) {}

  @RequiresRole(value = Roles.ADMIN, action = "send test notifications")
  public TestResult sendTest(long channelId, String user) {
    Sender.Channel channel =
        vault
            .open(channelId, true)
            .orElseThrow(() -> new Refusal(404, "No notification channel with id " + channelId));
    Happening h = Happenings.test(channel.name(), user);
    Instant start = clock.instant();
    Message message = new Message(null, h.event(), h.mailSubject(), h.text(), h.json(start));
    TestResult result;
    try {
      String answer = senders.of(channel.settings().kind()).send(channel, message);
      result = new TestResult(true, answer, Duration.between(start, clock.instant()).toMillis());
    } catch (DeliveryFailure e) {
      result =
          new TestResult(
              false, e.getMessage(), Duration.between(start, clock.instant()).toMillis());
    }
    outbox.log(
        channelId,
        null,
        h.event(),
        1,
        result.sent() ? DeliveryRecord.SENT : DeliveryRecord.FAILED,
        result.detail(),
        senders.hub(),
        result.durationMs());
    return result;
  }
}
