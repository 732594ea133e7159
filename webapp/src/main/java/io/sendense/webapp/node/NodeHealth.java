package io.sendense.webapp.node;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * What a node reports of itself with every poll: CPU, memory, the free space of its data folder and
 * of each repository placed on it (measured where only it reaches them).
 */
public record NodeHealth(
    double cpuLoad,
    int cpus,
    long memoryUsedBytes,
    long memoryMaxBytes,
    long freeBytes,
    List<RepositorySpace> repositories) {

  /** The space of a repository placed on the node, as the node measured it. */
  public record RepositorySpace(long id, String name, long freeBytes, long totalBytes) {}

  public NodeHealth {
    repositories = repositories == null ? List.of() : List.copyOf(repositories);
  }

  static NodeHealth parse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    JsonObject o = Json.createReader(new StringReader(json)).readObject();
    List<RepositorySpace> spaces = new ArrayList<>();
    for (JsonValue v : o.getOrDefault("repositories", JsonValue.EMPTY_JSON_ARRAY).asJsonArray()) {
      JsonObject r = v.asJsonObject();
      spaces.add(
          new RepositorySpace(
              number(r, "id").longValue(),
              r.getString("name", ""),
              number(r, "freeBytes").longValue(),
              number(r, "totalBytes").longValue()));
    }
    return new NodeHealth(
        number(o, "cpuLoad").doubleValue(),
        number(o, "cpus").intValue(),
        number(o, "memoryUsedBytes").longValue(),
        number(o, "memoryMaxBytes").longValue(),
        number(o, "freeBytes").longValue(),
        spaces);
  }

  private static Number number(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v instanceof jakarta.json.JsonNumber n ? n.numberValue() : 0;
  }

  /** The report as kept in the catalog: only the known numbers, whatever the node sent. */
  String json() {
    JsonArrayBuilder spaces = Json.createArrayBuilder();
    for (RepositorySpace r : repositories) {
      spaces.add(
          Json.createObjectBuilder()
              .add("id", r.id())
              .add("name", r.name())
              .add("freeBytes", r.freeBytes())
              .add("totalBytes", r.totalBytes()));
    }
    return Json.createObjectBuilder()
        .add("cpuLoad", cpuLoad)
        .add("cpus", cpus)
        .add("memoryUsedBytes", memoryUsedBytes)
        .add("memoryMaxBytes", memoryMaxBytes)
        .add("freeBytes", freeBytes)
        .add("repositories", spaces)
        .build()
        .toString();
  }
}
