package io.sendense.node;

import io.sendense.batch.wire.WorkItem;
import io.sendense.plugin.api.repository.Capacity;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the node says of itself with every poll: CPU, memory, free space of its data folder and of
 * each repository placed on it (the hub names them in its poll answers; only this node reaches
 * them). A repository's space is measured at most once a minute (for NFS or CIFS that is a
 * session); one that cannot be measured is left out.
 */
final class NodeHealthReport {
  private static final Logger LOG = Logger.getLogger(NodeHealthReport.class.getName());
  private static final Duration MEASURE_EVERY = Duration.ofMinutes(1);

  /** Measures a repository's space. */
  interface Space {
    Capacity of(WorkItem.Extension repository) throws Exception;
  }

  private record Measured(String name, Capacity capacity, Instant at) {}

  private final Path data;
  private final Space space;
  private volatile List<JsonObject> placed = List.of();
  private final Map<Long, Measured> measured = new ConcurrentHashMap<>();

  NodeHealthReport(Path data, Space space) {
    this.data = data;
    this.space = space;
  }

  /** The repositories placed on this node, as the hub's last poll answer named them. */
  void placed(JsonArray repositories) {
    placed = repositories.getValuesAs(JsonObject.class);
    measured
        .keySet()
        .retainAll(placed.stream().map(o -> o.getJsonNumber("id").longValue()).toList());
  }

  /** A repository placed on this node, as the hub's last poll answer named it; empty if not. */
  java.util.Optional<WorkItem.Extension> placedRepository(long id) {
    return placed.stream()
        .filter(o -> o.getJsonNumber("id").longValue() == id)
        .findFirst()
        .map(o -> WorkItem.extension(o.getJsonObject("repository")));
  }

  JsonObject json() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    Runtime rt = Runtime.getRuntime();
    long free;
    try {
      free = Files.getFileStore(data).getUsableSpace();
    } catch (IOException e) {
      free = -1;
    }
    return Json.createObjectBuilder()
        .add("cpuLoad", Math.max(0, os.getSystemLoadAverage()))
        .add("cpus", os.getAvailableProcessors())
        .add("memoryUsedBytes", rt.totalMemory() - rt.freeMemory())
        .add("memoryMaxBytes", rt.maxMemory())
        .add("freeBytes", free)
        .add("repositories", repositories())
        .build();
  }

  private JsonArrayBuilder repositories() {
    JsonArrayBuilder list = Json.createArrayBuilder();
    Instant now = Instant.now();
    for (JsonObject o : placed) {
      long id = o.getJsonNumber("id").longValue();
      Measured m = measured.get(id);
      if (m == null || m.at().isBefore(now.minus(MEASURE_EVERY))) {
        WorkItem.Extension repository = WorkItem.extension(o.getJsonObject("repository"));
        try {
          m = new Measured(repository.name(), space.of(repository), now);
          measured.put(id, m);
        } catch (Exception e) {
          LOG.log(Level.FINE, "The space of repository '" + repository.name() + "' is unknown", e);
          continue;
        }
      }
      list.add(
          Json.createObjectBuilder()
              .add("id", id)
              .add("name", m.name())
              .add("freeBytes", m.capacity().freeBytes())
              .add("totalBytes", m.capacity().totalBytes()));
    }
    return list;
  }
}
