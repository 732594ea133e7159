package io.sendense.webapp.node;

import com.sun.net.httpserver.HttpExchange;
import io.sendense.batch.wire.PortJson;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.relay.NodeRelay;
import io.sendense.webapp.relay.RelayAnswer;
import io.sendense.webapp.relay.RelayRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The node's side of {@link NodeRelay} on the node listener: {@code POST /node/v1/relay/poll} (a
 * long poll of at most 20 s answering the requests waiting for the calling node) and {@code POST
 * /node/v1/relay/{id}} (the answer to one: {@code application/octet-stream} with a read's bytes, or
 * JSON).
 */
@ApplicationScoped
public class NodeRelayApi {
  static final String PREFIX = "/node/v1/relay/";
  private static final Duration POLL = Duration.ofSeconds(20);

  @Inject NodeRelay relay;

  JsonValue route(HttpExchange exchange, long nodeId, String path)
      throws IOException, InterruptedException {
    String rest = path.substring(PREFIX.length());
    byte[] body = body(exchange);
    if (rest.equals("poll")) {
      JsonArrayBuilder requests = Json.createArrayBuilder();
      relay.take(nodeId, POLL).forEach(r -> requests.add(r.toJson()));
      return Json.createObjectBuilder().add("requests", requests).build();
    }
    if (rest.isEmpty() || !rest.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new Refusal(404, "No node API call " + path);
    }
    String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
    relay.answer(
        nodeId,
        rest,
        type.startsWith("application/octet-stream")
            ? RelayAnswer.ofData(body)
            : RelayAnswer.ofJson(PortJson.parse(new String(body, StandardCharsets.UTF_8))));
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  private static byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(RelayRequest.MAX_READ + 1);
      if (bytes.length > RelayRequest.MAX_READ) {
        throw new Refusal(413, "A relay answer has at most " + RelayRequest.MAX_READ + " bytes");
      }
      return bytes;
    }
  }
}
