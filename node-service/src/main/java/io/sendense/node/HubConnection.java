package io.sendense.node;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * Calls the hub's node API: JSON POSTs over TLS with the node's certificate, to the hub whose
 * certificate the node pinned at pairing (so host names do not matter: the pin is the identity).
 * The node always dials out; the hub never connects to a node.
 */
final class HubConnection {
  private final URI hub;
  private final SSLContext tls;

  HubConnection(String hub, SSLContext tls) {
    this.hub = URI.create(hub.endsWith("/") ? hub : hub + "/");
    this.tls = tls;
  }

  /**
   * POSTs {@code body} to {@code path} and returns the answer.
   *
   * @throws HubException if the hub answered with an error
   * @throws IOException if the hub could not be reached (or refused the connection)
   */
  JsonObject post(String path, JsonObject body, int readTimeoutMillis) throws IOException {
    return post(
        path,
        "application/json",
        body.toString().getBytes(StandardCharsets.UTF_8),
        readTimeoutMillis);
  }

  /**
   * POSTs {@code bytes} of {@code contentType} to {@code path}, as {@link #post(String, JsonObject,
   * int)}.
   */
  JsonObject post(String path, String contentType, byte[] bytes, int readTimeoutMillis)
      throws IOException {
    HttpsURLConnection c =
        (HttpsURLConnection)
            hub.resolve(path.startsWith("/") ? path.substring(1) : path).toURL().openConnection();
    c.setSSLSocketFactory(tls.getSocketFactory());
    c.setHostnameVerifier((host, session) -> true); // the pinned certificate is checked instead
    c.setConnectTimeout(10_000);
    c.setReadTimeout(readTimeoutMillis);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", contentType);
    c.setFixedLengthStreamingMode(bytes.length);
    try (OutputStream out = c.getOutputStream()) {
      out.write(bytes);
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      JsonObject answer = text.isBlank() ? JsonObject.EMPTY_JSON_OBJECT : parse(text);
      if (status >= 400) {
        throw new HubException(
            status, answer.getString("message", "the hub answered HTTP " + status));
      }
      return answer;
    } finally {
      c.disconnect();
    }
  }

  private static JsonObject parse(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      return Json.createObjectBuilder().add("message", text).build();
    }
  }
}
