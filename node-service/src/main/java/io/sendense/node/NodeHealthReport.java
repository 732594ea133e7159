package io.sendense.node;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the node says of itself with every poll: CPU, memory, free space of its data folder. */
final class NodeHealthReport {
  private final Path data;

  NodeHealthReport(Path data) {
    this.data = data;
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
        .build();
  }
}
