package io.sendense.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook endpoint on loopback, as a receiver would write one: it checks the HMAC-SHA256
 * signature over {@code <timestamp>.<body>} with the shared key, and answers 500 to the first
 * {@code failures} requests.
 */
final class WebhookReceiver implements AutoCloseable {
  /** One request as received, with whether its signature checked out. */
  record Received(Instant at, String body, String delivery, String event, boolean signatureValid) {}

  private final HttpServer server;
  private final String key;
  private final AtomicInteger failures;
  final List<Received> received = new CopyOnWriteArrayList<>();

  WebhookReceiver(String key, int failures) throws IOException {
    this.key = key;
    this.failures = new AtomicInteger(failures);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          var h = exchange.getRequestHeaders();
          received.add(
              new Received(
                  Instant.now(),
                  body,
                  h.getFirst("X-Sendense-Delivery"),
                  h.getFirst("X-Sendense-Event"),
                  valid(
                      h.getFirst("X-Sendense-Timestamp"),
                      body,
                      h.getFirst("X-Sendense-Signature"))));
          int status = this.failures.getAndDecrement() > 0 ? 500 : 204;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  private boolean valid(String timestamp, String body, String signature) {
    if (timestamp == null || signature == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected =
          "sha256="
              + HexFormat.of()
                  .formatHex(
                      mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
      return java.security.MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.US_ASCII),
          signature.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
