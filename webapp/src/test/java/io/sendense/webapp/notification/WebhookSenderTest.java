package io.sendense.webapp.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.sendense.persistence.notification.NotificationChannel.Kind;
import io.sendense.persistence.notification.NotificationEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook sender against a real HTTP receiver on loopback. */
class WebhookSenderTest {
  private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
  private HttpServer server;
  private final List<Map<String, String>> received = new ArrayList<>();
  private volatile int status = 204;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              Map.of(
                  "body", body,
                  "signature", exchange.getRequestHeaders().getFirst("X-Sendense-Signature"),
                  "timestamp", exchange.getRequestHeaders().getFirst("X-Sendense-Timestamp"),
                  "event", exchange.getRequestHeaders().getFirst("X-Sendense-Event"),
                  "delivery", exchange.getRequestHeaders().getFirst("X-Sendense-Delivery")));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Sender.Channel channel(String key) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    return new Sender.Channel(
        3, "hook", ChannelSettings.checked(Kind.WEBHOOK, Map.of("url", url)), key);
  }

  @Test
  void theBodyIsSignedWithTheChannelsKeyOverTimestampAndBody() throws Exception {
    WebhookSender sender = new WebhookSender(Clock.fixed(NOW, ZoneOffset.UTC));
    String json = "{\"event\":\"FAILURE\",\"subject\":\"Flow 'x' FAILED\"}";
    String answer =
        sender.send(channel("k3y"), new Message(42L, NotificationEvent.FAILURE, "s", "t", json));
    assertEquals("HTTP 204", answer);
    assertEquals(1, received.size());
    Map<String, String> r = received.get(0);
    assertEquals(json, r.get("body"));
    assertEquals(Long.toString(NOW.getEpochSecond()), r.get("timestamp"));
    assertEquals("FAILURE", r.get("event"));
    assertEquals("m-42", r.get("delivery"));
    // Computed independently: HMAC-SHA256("k3y", "1796457600." + body), as a receiver would.
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec("k3y".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        "sha256="
            + java.util.HexFormat.of()
                .formatHex(
                    mac.doFinal(
                        (NOW.getEpochSecond() + "." + json).getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, r.get("signature"));
    assertTrue(
        !expected.equals(WebhookSignature.sign("other", NOW.getEpochSecond(), json)),
        "another key signs differently");
  }

  @Test
  void aNon2xxAnswerIsARetryableFailureNamingTheStatus() {
    status = 503;
    WebhookSender sender = new WebhookSender(Clock.fixed(NOW, ZoneOffset.UTC));
    DeliveryFailure failure =
        assertThrows(
            DeliveryFailure.class,
            () ->
                sender.send(
                    channel("k"), new Message(1L, NotificationEvent.FAILURE, "s", "t", "{}")));
    assertTrue(failure.retryable());
    assertTrue(failure.getMessage().contains("answered HTTP 503"), failure.getMessage());
  }

  @Test
  void aClosedPortIsARetryableFailure() throws Exception {
    Sender.Channel channel = channel("k");
    server.stop(0);
    WebhookSender sender = new WebhookSender(Clock.fixed(NOW, ZoneOffset.UTC));
    DeliveryFailure failure =
        assertThrows(
            DeliveryFailure.class,
            () -> sender.send(channel, new Message(1L, NotificationEvent.FAILURE, "s", "t", "{}")));
    assertTrue(failure.retryable());
  }
}
