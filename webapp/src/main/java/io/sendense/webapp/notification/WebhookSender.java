package io.sendense.webapp.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * POSTs the message's JSON to the channel's URL, signed with the channel's HMAC key ({@link
 * WebhookSignature}). Any 2xx answer is a delivery; anything else (status, timeout, refused
 * connection) is a failure the outbox retries with backoff. Redirects are not followed: the
 * signature is for the URL the admin configured.
 */
public final class WebhookSender implements Sender {
  private static final int MAX_ANSWER = 300;
  private final HttpClient http;
  private final Clock clock;

  public WebhookSender(Clock clock) {
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public String send(Channel channel, Message message) throws DeliveryFailure {
    String url = channel.settings().get(ChannelSettings.URL);
    long timestamp = clock.instant().getEpochSecond();
    String delivery = message.id() == null ? "test-" + UUID.randomUUID() : "m-" + message.id();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Sendense-Webhook/1")
            .header(WebhookSignature.EVENT_HEADER, message.event().name())
            .header(WebhookSignature.DELIVERY_HEADER, delivery)
            .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
            .POST(HttpRequest.BodyPublishers.ofString(message.json(), StandardCharsets.UTF_8));
    if (channel.secret() != null && !channel.secret().isEmpty()) {
      request.header(
          WebhookSignature.SIGNATURE_HEADER,
          WebhookSignature.sign(channel.secret(), timestamp, message.json()));
    }
    HttpResponse<String> answer;
    try {
      answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DeliveryFailure("POST " + url + " failed: " + e, true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryFailure("POST " + url + " was interrupted", true, e);
    }
    String body = answer.body() == null ? "" : answer.body().strip();
    String summary =
        "HTTP "
            + answer.statusCode()
            + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(MAX_ANSWER, body.length())));
    if (answer.statusCode() / 100 != 2) {
      throw new DeliveryFailure("POST " + url + " answered " + summary, true, null);
    }
    return summary;
  }
}
