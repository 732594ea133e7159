package io.sendense.webapp.node;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** What a node reports of itself with every poll. */
public record NodeHealth(
    double cpuLoad, int cpus, long memoryUsedBytes, long memoryMaxBytes, long freeBytes) {

  static NodeHealth parse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    JsonObject o = Json.createReader(new StringReader(json)).readObject();
    return new NodeHealth(
        number(o, "cpuLoad").doubleValue(),
        number(o, "cpus").intValue(),
        number(o, "memoryUsedBytes").longValue(),
        number(o, "memoryMaxBytes").longValue(),
        number(o, "freeBytes").longValue());
  }

  private static Number number(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v instanceof jakarta.json.JsonNumber n ? n.numberValue() : 0;
  }

  /** The report as kept in the catalog: only the known numbers, whatever the node sent. */
  String json() {
    return Json.createObjectBuilder()
        .add("cpuLoad", cpuLoad)
        .add("cpus", cpus)
        .add("memoryUsedBytes", memoryUsedBytes)
        .add("memoryMaxBytes", memoryMaxBytes)
        .add("freeBytes", freeBytes)
        .build()
        .toString();
  }
}
