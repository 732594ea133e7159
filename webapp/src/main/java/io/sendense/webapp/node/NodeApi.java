package io.sendense.webapp.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import io.sendense.batch.wire.ExecutionReport;
import io.sendense.batch.wire.PortJson;
import io.sendense.webapp.common.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The node API on the node listener. {@code POST /node/v1/pair} is the one call without a client
 * certificate (it carries a pairing token); every other call needs the certificate of an active
 * node (checked in the handshake by {@link NodeTrust} and again here): {@code /node/v1/poll} (long
 * poll for work, with the node's health and running jobs), {@code /node/v1/catalog/{operation}}
 * (the backup job's catalog port), {@code /node/v1/restore-catalog/{operation}} (the restore
 * job's), {@code /node/v1/lifecycle/{taskId}} (what the node found hashing or verifying images of a
 * repository placed on it, or how a removal there ended, {@link NodeLifecycle}), {@code
 * /node/v1/lifecycle/{taskId}/journal} (a transition of that removal, recorded before the node goes
 * on), {@code /node/v1/jobs/{id}/execution} (how a job's execution runs, its steps), {@code
 * /node/v1/jobs/{id}/ended}, {@code /node/v1/restores/{id}/ended}, {@code POST
 * /api/v1/telemetry/backup/{jobId}}, and the read relay's {@code /node/v1/relay/...} ({@link
 * NodeRelayApi}). Bodies are JSON (a relayed read's answer is binary); every answer closes the
 * connection, so every call is a new handshake and a revoked node is refused at once.
 */
@ApplicationScoped
public class NodeApi implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(NodeApi.class.getName());
  private static final int MAX_BODY = 1 << 20;

  @Inject NodeService service;
  @Inject NodeWork work;
  @Inject NodeCatalog catalog;
  @Inject NodeRestoreCatalog restoreCatalog;
  @Inject NodeLifecycle lifecycle;
  @Inject NodeLifecycleRecords lifecycleRecords;
  @Inject NodeRelayApi relay;

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      closing(exchange);
      try {
        JsonValue answer = route(exchange);
        send(exchange, 200, answer);
      } catch (Refusal r) {
        send(exchange, r.status(), error(r.getMessage()));
      } catch (IllegalArgumentException | IllegalStateException e) {
        send(exchange, 400, error(e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        send(exchange, 503, error("The hub is stopping"));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Node API call " + exchange.getRequestURI() + " failed", e);
        send(exchange, 500, error("The hub could not answer: " + e));
      }
    }
  }

  private JsonValue route(HttpExchange exchange) throws IOException, InterruptedException {
    String path = exchange.getRequestURI().getPath();
    if (!"POST".equals(exchange.getRequestMethod())) {
      throw new Refusal(405, "The node API takes POST only");
    }
    if (path.startsWith(NodeRelayApi.PREFIX)) {
      return relay.route(exchange, node(exchange), path);
    }
    if (!String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
        .startsWith("application/json")) {
      throw new Refusal(415, "The node API takes application/json");
    }
    JsonObject body = PortJson.parse(body(exchange));
    if (path.equals("/node/v1/pair")) {
      return pair(exchange, body);
    }
    long nodeId = node(exchange);
    if (path.equals("/node/v1/poll")) {
      return poll(exchange, nodeId, body);
    }
    if (path.startsWith("/node/v1/catalog/")) {
      return NodeCatalog.wrap(
          catalog.call(nodeId, path.substring("/node/v1/catalog/".length()), body));
    }
    if (path.startsWith("/node/v1/restore-catalog/")) {
      return NodeCatalog.wrap(
          restoreCatalog.call(nodeId, path.substring("/node/v1/restore-catalog/".length()), body));
    }
    if (path.startsWith("/node/v1/lifecycle/") && path.endsWith("/journal")) {
      return lifecycle.journal(
          nodeId,
          Long.parseLong(
              path.substring("/node/v1/lifecycle/".length(), path.length() - "/journal".length())),
          body);
    }
    if (path.startsWith("/node/v1/lifecycle/")) {
      lifecycle.report(
          nodeId, Long.parseLong(path.substring("/node/v1/lifecycle/".length())), body);
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    if (path.startsWith("/node/v1/restores/") && path.endsWith("/ended")) {
      work.restoreEnded(
          nodeId,
          Long.parseLong(path.split("/")[4]),
          PortJson.num(body, "jobExecutionId"),
          body.getString("batchStatus"),
          PortJson.str(body, "exitStatus"));
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    if (path.startsWith("/node/v1/jobs/") && path.endsWith("/ended")) {
      long jobId = Long.parseLong(path.split("/")[4]);
      work.ended(
          nodeId,
          jobId,
          PortJson.num(body, "jobExecutionId"),
          body.getString("batchStatus"),
          PortJson.str(body, "exitStatus"),
          body.containsKey("execution")
              ? ExecutionReport.fromJson(body.getJsonObject("execution"))
              : null);
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    if (path.startsWith("/node/v1/jobs/") && path.endsWith("/execution")) {
      work.reported(
          nodeId,
          Long.parseLong(path.split("/")[4]),
          PortJson.num(body, "jobExecutionId"),
          ExecutionReport.fromJson(body.getJsonObject("execution")));
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    if (path.startsWith("/api/v1/telemetry/backup/")) {
      long jobId = Long.parseLong(path.substring("/api/v1/telemetry/backup/".length()));
      catalog.telemetry(nodeId, jobId, PortJson.progress(body));
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    throw new Refusal(404, "No node API call " + path);
  }

  private JsonValue pair(HttpExchange exchange, JsonObject body) {
    NodeService.Paired paired =
        service.pair(
            PortJson.str(body, "token"),
            PortJson.str(body, "name"),
            Base64.getDecoder().decode(body.getString("publicKey")),
            exchange.getRemoteAddress().getAddress().getHostAddress(),
            PortJson.str(body, "version"));
    return Json.createObjectBuilder()
        .add("nodeId", paired.nodeId())
        .add("name", paired.name())
        .add("certificate", Base64.getEncoder().encodeToString(paired.certificate()))
        .add("caCertificate", Base64.getEncoder().encodeToString(paired.caCertificate()))
        .build();
  }

  private JsonValue poll(HttpExchange exchange, long nodeId, JsonObject body)
      throws InterruptedException {
    Set<Long> running = ids(body, "running");
    Set<Long> runningRestores = ids(body, "runningRestores");
    service.contact(
        nodeId,
        exchange.getRemoteAddress().getAddress().getHostAddress(),
        PortJson.str(body, "version"),
        body.containsKey("health")
            ? NodeHealth.parse(body.getJsonObject("health").toString())
            : null);
    NodeWork.Answer answer = work.poll(nodeId, running, runningRestores);
    JsonArrayBuilder items = Json.createArrayBuilder();
    answer.work().forEach(w -> items.add(w.toJson()));
    JsonArrayBuilder stop = Json.createArrayBuilder();
    answer.stop().forEach(stop::add);
    JsonArrayBuilder stopRestores = Json.createArrayBuilder();
    answer.stopRestores().forEach(stopRestores::add);
    JsonArrayBuilder tasks = Json.createArrayBuilder();
    answer.lifecycle().forEach(t -> tasks.add(t.toJson()));
    return Json.createObjectBuilder()
        .add("work", items)
        .add("stop", stop)
        .add("stopRestores", stopRestores)
        .add("lifecycle", tasks)
        .add("repositories", placed(nodeId))
        .build();
  }

  /** The repositories placed on the node, whose free space it reports with its health. */
  private JsonArrayBuilder placed(long nodeId) {
    JsonArrayBuilder placed = Json.createArrayBuilder();
    io.sendense.webapp.security.SystemCaller.run(() -> lifecycleRecords.placedOn(nodeId))
        .forEach(placed::add);
    return placed;
  }

  /** The ids listed under {@code key} (none when a node of an earlier version leaves it out). */
  private static Set<Long> ids(JsonObject body, String key) {
    Set<Long> ids = new HashSet<>();
    body
        .getOrDefault(key, JsonValue.EMPTY_JSON_ARRAY)
        .asJsonArray()
        .getValuesAs(jakarta.json.JsonNumber.class)
        .stream()
        .map(n -> n.longValueExact())
        .forEach(ids::add);
    return ids;
  }

  /** The active node that holds the connection's client certificate. */
  private long node(HttpExchange exchange) {
    Optional<X509Certificate> cert = certificate(exchange);
    if (cert.isEmpty()) {
      throw new Refusal(401, "This call needs a paired node's certificate");
    }
    return service
        .activeNode(NodeCa.serial(cert.get()))
        .orElseThrow(() -> new Refusal(403, "This node is revoked or unknown"));
  }

  private static Optional<X509Certificate> certificate(HttpExchange exchange) {
    try {
      Certificate[] chain = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x
          ? Optional.of(x)
          : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  /**
   * Ends the connection with this exchange and forgets its TLS session, so that the next call is a
   * full handshake that {@link NodeTrust} checks.
   */
  static void closing(HttpExchange exchange) {
    exchange.getResponseHeaders().set("Connection", "close");
    if (exchange instanceof HttpsExchange https) {
      https.getSSLSession().invalidate();
    }
  }

  private static String body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new Refusal(413, "A node API body has at most 1 MiB");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static JsonObject error(String message) {
    return Json.createObjectBuilder().add("message", message == null ? "" : message).build();
  }

  private static void send(HttpExchange exchange, int status, JsonValue body) throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
