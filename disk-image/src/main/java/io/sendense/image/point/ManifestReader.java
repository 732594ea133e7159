package io.sendense.image.point;

import io.sendense.image.qcow2.ImageFacts;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a manifest's JSON back into a {@link PointManifest}, naming the field that is wrong. */
final class ManifestReader {
  private ManifestReader() {}

  static PointManifest read(String json) {
    Object parsed = JsonText.parse(json);
    if (!(parsed instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("a manifest is a JSON object");
    }
    if (!PointManifest.FORMAT.equals(m.get("format"))) {
      throw new IllegalArgumentException(
          "not a restore point manifest (format is not '" + PointManifest.FORMAT + "')");
    }
    long version = num(m, "version");
    if (version != PointManifest.VERSION) {
      throw new IllegalArgumentException(
          "manifest version " + version + " is not supported (this tool reads version 1)");
    }
    Map<?, ?> vm = obj(m, "vm");
    Map<?, ?> source = vm.get("source") instanceof Map<?, ?> s ? s : Map.of();
    PointManifest.Vm v =
        new PointManifest.Vm(
            text(vm, "name"),
            text(vm, "moref"),
            text(vm, "instanceUuid"),
            text(source, "name"),
            text(source, "host"),
            optNum(source, "port") == null ? null : optNum(source, "port").intValue(),
            text(source, "plugin"),
            optNum(vm, "catalogId"));
    List<PointManifest.Disk> disks = new ArrayList<>();
    if (!(m.get("disks") instanceof List<?> list)) {
      throw new IllegalArgumentException("manifest field 'disks' must be a list");
    }
    for (Object d : list) {
      if (!(d instanceof Map<?, ?> disk)) {
        throw new IllegalArgumentException("manifest field 'disks' must hold objects");
      }
      disks.add(disk(disk));
    }
    return new PointManifest(
        required(m, "point"),
        text(m, "type"),
        time(m, "startedAt"),
        time(m, "completedAt"),
        v,
        text(m, "flow"),
        optNum(m, "catalogId"),
        disks);
  }

  private static PointManifest.Disk disk(Map<?, ?> d) {
    ImageFacts facts = null;
    boolean pending = false;
    if (d.get("image") instanceof Map<?, ?> i) {
      pending = Boolean.TRUE.equals(i.get("sha256Pending"));
      facts =
          new ImageFacts(
              num(i, "fileSize"),
              text(i, "sha256"),
              num(i, "virtualSize"),
              (int) num(i, "clusterSize"),
              text(i, "backingFile"),
              num(i, "allocatedBytes"));
    }
    return new PointManifest.Disk(
        (int) num(d, "index"),
        (int) num(d, "key"),
        text(d, "label"),
        num(d, "capacity"),
        text(d, "changeId"),
        required(d, "file"),
        text(d, "parentFile"),
        text(d, "parentPoint"),
        facts,
        pending);
  }

  private static Map<?, ?> obj(Map<?, ?> m, String key) {
    if (m.get(key) instanceof Map<?, ?> o) {
      return o;
    }
    throw new IllegalArgumentException("manifest field '" + key + "' must be an object");
  }

  private static String required(Map<?, ?> m, String key) {
    String v = text(m, key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("manifest field '" + key + "' is missing");
    }
    return v;
  }

  private static String text(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException("manifest field '" + key + "' must be a string");
    }
    return (String) v;
  }

  private static long num(Map<?, ?> m, String key) {
    Long v = optNum(m, key);
    if (v == null) {
      throw new IllegalArgumentException("manifest field '" + key + "' is missing");
    }
    return v;
  }

  private static Long optNum(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw new IllegalArgumentException("manifest field '" + key + "' must be a whole number");
  }

  private static Instant time(Map<?, ?> m, String key) {
    String v = text(m, key);
    try {
      return v == null ? null : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("manifest field '" + key + "' is not a time: " + v);
    }
  }
}
