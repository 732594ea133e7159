package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** The hub's JSON API as an admin (or another user), with parsed answers. */
final class HubApi {
  private final HubClient client;
  private final String authorization;

  HubApi(URL deployedAt, String authorization) {
    this.client = new HubClient(deployedAt);
    this.authorization = authorization;
  }

  static HubApi admin(URL deployedAt) throws Exception {
    return new HubApi(deployedAt, HubClient.admin());
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.get("api/v1/" + path, "Authorization", authorization);
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return client.postJson("api/v1/" + path, authorization, json);
  }

  HttpResponse<String> put(String path, String json) throws Exception {
    return client.put("api/v1/" + path, "application/json", json, "Authorization", authorization);
  }

  HttpResponse<String> delete(String path) throws Exception {
    return client.delete("api/v1/" + path, "Authorization", authorization);
  }

  JsonObject object(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return parse(response.body()).asJsonObject();
  }

  JsonArray array(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return parse(response.body()).asJsonArray();
  }

  /** POSTs and expects {@code status}; returns the parsed answer. */
  JsonObject post(String path, String json, int status) throws Exception {
    HttpResponse<String> response = post(path, json);
    assertEquals(status, response.statusCode(), path + ": " + response.body());
    return parse(response.body()).asJsonObject();
  }

  /** Polls {@code path} until {@code done} holds, or fails after {@code timeout}. */
  JsonObject await(String path, Predicate<JsonObject> done, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    JsonObject last = null;
    while (Instant.now().isBefore(deadline)) {
      last = object(path);
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Timed out after " + timeout + " waiting on " + path + ": " + last);
  }

  /** Polls an array answer until {@code done} holds, or fails after {@code timeout}. */
  java.util.List<JsonObject> awaitArray(
      String path, Predicate<java.util.List<JsonObject>> done, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    java.util.List<JsonObject> last = null;
    while (Instant.now().isBefore(deadline)) {
      last = objects(array(path));
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Timed out after " + timeout + " waiting on " + path + ": " + last);
  }

  static java.util.List<JsonObject> objects(JsonArray array) {
    return array.getValuesAs(JsonObject.class);
  }

  /** The JSON object {@code json} holds. */
  static JsonObject jsonObject(String json) {
    return parse(json).asJsonObject();
  }

  static jakarta.json.JsonValue parse(String json) {
    return Json.createReader(new StringReader(json)).readValue();
  }
}
