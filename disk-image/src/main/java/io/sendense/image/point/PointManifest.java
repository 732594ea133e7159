package io.sendense.image.point;

import io.sendense.image.qcow2.ImageFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sidecar of one restore point, stored as {@code <point>.point.json} next to its images: which
 * VM it is of, when it was taken, and per disk its image file, the image it is built on, the change
 * id, and the facts recorded when the image was written (size, SHA-256, QCOW2 header). With it a
 * repository can be read and verified without the hub's catalog. File names are relative to the
 * manifest's folder.
 *
 * @param point the point's name in its folder (also the manifest's name without the suffix)
 * @param type {@code FULL} or {@code INCREMENTAL}
 * @param flow the protection flow that made it, or null
 * @param catalogId the backup's id in the catalog of the hub that wrote the manifest
 */
public record PointManifest(
    String point,
    String type,
    Instant startedAt,
    Instant completedAt,
    Vm vm,
    String flow,
    Long catalogId,
    List<Disk> disks) {

  public static final String FORMAT = "sendense-restore-point";
  public static final int VERSION = 1;

  public PointManifest {
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(vm, "vm");
    disks = List.copyOf(disks);
  }

  /** The VM and the source it was found in. */
  public record Vm(
      String name,
      String moref,
      String instanceUuid,
      String sourceName,
      String sourceHost,
      Integer sourcePort,
      String sourcePlugin,
      Long catalogId) {}

  /**
   * One disk of the point.
   *
   * @param file the image, relative to the manifest's folder
   * @param parentFile the image it is built on, or null for a full
   * @param parentPoint the point that image belongs to, or null
   * @param image what was recorded about the image; its SHA-256 may be null for points written
   *     before hashes were recorded, and while the hash is pending
   * @param hashPending the point is complete and its image durable, but the hub has not recorded
   *     the image's SHA-256 yet (it does so right after the backup; the manifest is then rewritten)
   */
  public record Disk(
      int index,
      int key,
      String label,
      long capacity,
      String changeId,
      String file,
      String parentFile,
      String parentPoint,
      ImageFacts image,
      boolean hashPending) {

    /** A disk whose image's hash is recorded (or was never recorded), not pending. */
    public Disk(
        int index,
        int key,
        String label,
        long capacity,
        String changeId,
        String file,
        String parentFile,
        String parentPoint,
        ImageFacts image) {
      this(index, key, label, capacity, changeId, file, parentFile, parentPoint, image, false);
    }
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("version", VERSION);
    m.put("point", point);
    m.put("type", type);
    m.put("startedAt", str(startedAt));
    m.put("completedAt", str(completedAt));
    m.put("flow", flow);
    m.put("catalogId", catalogId);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", vm.name());
    v.put("moref", vm.moref());
    v.put("instanceUuid", vm.instanceUuid());
    v.put("catalogId", vm.catalogId());
    v.put("source", source());
    m.put("vm", v);
    List<Object> list = new ArrayList<>();
    for (Disk d : disks) {
      list.add(disk(d));
    }
    m.put("disks", list);
    return m;
  }

  private Map<String, Object> source() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", vm.sourceName());
    s.put("host", vm.sourceHost());
    s.put("port", vm.sourcePort());
    s.put("plugin", vm.sourcePlugin());
    return s;
  }

  private static Map<String, Object> disk(Disk d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", d.index());
    m.put("key", d.key());
    m.put("label", d.label());
    m.put("capacity", d.capacity());
    m.put("changeId", d.changeId());
    m.put("file", d.file());
    m.put("parentFile", d.parentFile());
    m.put("parentPoint", d.parentPoint());
    ImageFacts f = d.image();
    Map<String, Object> image = new LinkedHashMap<>();
    if (f != null) {
      image.put("fileSize", f.fileSize());
      image.put("sha256", f.sha256());
      if (d.hashPending()) {
        image.put("sha256Pending", true);
      }
      image.put("virtualSize", f.virtualSize());
      image.put("clusterSize", f.clusterSize());
      image.put("backingFile", f.backingFile());
      image.put("allocatedBytes", f.allocatedBytes());
    }
    m.put("image", f == null ? null : image);
    return m;
  }

  private static String str(Instant t) {
    return t == null ? null : t.toString();
  }
}
