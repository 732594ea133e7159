package io.sendense.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code qemu-img}, the reference reader of QCOW2; fails the test on a non-zero exit. */
final class Qemu {
  private Qemu() {}

  /** Bytes of guest data that disk {@code index} of a point holds in its own image. */
  static long dataInTop(Path repository, jakarta.json.JsonObject point, int index)
      throws Exception {
    long data = 0;
    for (jakarta.json.JsonValue value : point.getJsonArray("disks")) {
      jakarta.json.JsonObject disk = value.asJsonObject();
      if (disk.getInt("index") != index) {
        continue;
      }
      String map =
          run("map", "--output=json", repository.resolve(disk.getString("fileName")).toString());
      for (jakarta.json.JsonValue extent : HubApi.parse(map).asJsonArray()) {
        jakarta.json.JsonObject e = extent.asJsonObject();
        if (e.getInt("depth") == 0 && e.getBoolean("data")) {
          data += e.getJsonNumber("length").longValue();
        }
      }
    }
    return data;
  }

  /**
   * Fails unless each disk image of {@code point} (QCOW2 in {@code repository}, with its backing
   * chain) holds the same data as the raw copy {@code expected.get(index)}.
   */
  static void assertMatches(Path repository, jakarta.json.JsonObject point, List<Path> expected)
      throws Exception {
    for (jakarta.json.JsonValue value : point.getJsonArray("disks")) {
      jakarta.json.JsonObject disk = value.asJsonObject();
      run(
          "compare",
          "-f",
          "qcow2",
          "-F",
          "raw",
          repository.resolve(disk.getString("fileName")).toString(),
          expected.get(disk.getInt("index")).toString());
    }
  }

  /** Flips one byte inside a data cluster the image itself holds (found with qemu-img map). */
  static void flipDataByte(Path image) throws Exception {
    String map = run("map", "--output=json", image.toString());
    long at = -1;
    for (jakarta.json.JsonValue v : HubApi.parse(map).asJsonArray()) {
      jakarta.json.JsonObject e = v.asJsonObject();
      if (e.getInt("depth") == 0 && e.getBoolean("data") && e.containsKey("offset")) {
        at = e.getJsonNumber("offset").longValue() + 4096;
        break;
      }
    }
    if (at <= 0) {
      throw new AssertionError("no data cluster in " + image + ": " + map);
    }
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x40);
    }
  }

  static String run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("qemu-img"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
