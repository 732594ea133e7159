package io.sendense.batch.wire;

import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.BackupProgress;
import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.BackupStatus;
import io.sendense.batch.port.BackupType;
import io.sendense.batch.port.ChangeTracking;
import io.sendense.batch.port.DiskProgress;
import io.sendense.batch.port.DiskRecord;
import io.sendense.batch.port.DiskResult;
import io.sendense.batch.port.DiskTracking;
import io.sendense.batch.port.DiskTransfer;
import io.sendense.batch.port.NewBackup;
import io.sendense.batch.port.ParentPoint;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.batch.port.VmRecord;
import io.sendense.image.qcow2.ImageFacts;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The backup job's port values as JSON, for a node that reaches the catalog and telemetry over the
 * hub's node API. Both ends use this one codec, so the two cannot drift apart.
 */
public final class PortJson {
  private PortJson() {}

  public static JsonObject parse(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }

  public static JsonObject vm(VmRecord vm) {
    JsonArrayBuilder disks = Json.createArrayBuilder();
    vm.disks()
        .forEach(
            d ->
                disks.add(
                    Json.createObjectBuilder()
                        .add("key", d.key())
                        .add("label", d.label())
                        .add("capacityBytes", d.capacityBytes())));
    return Json.createObjectBuilder()
        .add("vmId", vm.vmId())
        .add("name", vm.name())
        .add("disks", disks)
        .build();
  }

  public static VmRecord vm(JsonObject o) {
    return new VmRecord(
        o.getString("vmId"),
        o.getString("name"),
        list(
            o,
            "disks",
            d -> new DiskRecord(d.getInt("key"), d.getString("label"), num(d, "capacityBytes"))));
  }

  public static JsonValue parent(ParentPoint p) {
    if (p == null) {
      return JsonValue.NULL;
    }
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("backupId", p.backupId())
            .add("diskKey", p.diskKey())
            .add("fileName", p.fileName());
    return opt(b, "changeId", p.changeId()).build();
  }

  public static ParentPoint parent(JsonValue v) {
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    JsonObject o = v.asJsonObject();
    return new ParentPoint(
        num(o, "backupId"), o.getInt("diskKey"), o.getString("fileName"), str(o, "changeId"));
  }

  public static JsonObject planned(PlannedDisk d) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("diskKey", d.diskKey())
            .add("label", d.label())
            .add("capacityBytes", d.capacityBytes())
            .add("fileName", d.fileName())
            .add("parent", parent(d.parent()));
    return opt(b, "fullReason", d.fullReason()).build();
  }

  public static PlannedDisk planned(JsonObject o) {
    return new PlannedDisk(
        o.getInt("diskKey"),
        o.getString("label"),
        num(o, "capacityBytes"),
        o.getString("fileName"),
        parent(o.get("parent")),
        str(o, "fullReason"));
  }

  public static JsonObject newBackup(NewBackup n) {
    JsonArrayBuilder disks = Json.createArrayBuilder();
    n.disks().forEach(d -> disks.add(planned(d)));
    return Json.createObjectBuilder()
        .add("jobInstanceId", n.jobInstanceId())
        .add("jobExecutionId", n.jobExecutionId())
        .add("vmId", n.vmId())
        .add("repositoryId", n.repositoryId())
        .add("requestedType", n.requestedType().name())
        .add("started", n.started().toString())
        .add("disks", disks)
        .build();
  }

  public static NewBackup newBackup(JsonObject o) {
    return new NewBackup(
        num(o, "jobInstanceId"),
        num(o, "jobExecutionId"),
        o.getString("vmId"),
        o.getString("repositoryId"),
        BackupType.valueOf(o.getString("requestedType")),
        Instant.parse(o.getString("started")),
        list(o, "disks", PortJson::planned));
  }

  public static JsonObject backup(BackupRecord r) {
    JsonArrayBuilder disks = Json.createArrayBuilder();
    r.disks().forEach(d -> disks.add(planned(d)));
    return Json.createObjectBuilder()
        .add("backupId", r.backupId())
        .add("jobInstanceId", r.jobInstanceId())
        .add("vmId", r.vmId())
        .add("repositoryId", r.repositoryId())
        .add("started", r.started().toString())
        .add("disks", disks)
        .add("status", r.status().name())
        .build();
  }

  public static BackupRecord backup(JsonObject o) {
    return new BackupRecord(
        num(o, "backupId"),
        num(o, "jobInstanceId"),
        o.getString("vmId"),
        o.getString("repositoryId"),
        Instant.parse(o.getString("started")),
        list(o, "disks", PortJson::planned),
        BackupStatus.valueOf(o.getString("status")));
  }

  public static JsonObject tracking(DiskTracking t) {
    return opt(Json.createObjectBuilder().add("mode", t.mode().name()), "reason", t.reason())
        .build();
  }

  public static DiskTracking tracking(JsonObject o) {
    return new DiskTracking(ChangeTracking.valueOf(o.getString("mode")), str(o, "reason"));
  }

  public static JsonObject transfer(DiskTransfer t) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("diskKey", t.diskKey())
            .add("committedOffset", t.committedOffset())
            .add("done", t.done())
            .add("snapshotId", t.snapshotId())
            .add("bytesRead", t.bytesRead())
            .add("durationMs", t.duration().toMillis())
            .add("tracking", tracking(t.tracking()));
    return opt(b, "changeId", t.changeId()).build();
  }

  public static DiskTransfer transfer(JsonObject o) {
    return new DiskTransfer(
        o.getInt("diskKey"),
        num(o, "committedOffset"),
        o.getBoolean("done"),
        o.getString("snapshotId"),
        str(o, "changeId"),
        num(o, "bytesRead"),
        Duration.ofMillis(num(o, "durationMs")),
        tracking(o.getJsonObject("tracking")));
  }

  public static JsonObject result(DiskResult r) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("diskKey", r.diskKey())
            .add("fileName", r.fileName())
            .add("bytesRead", r.bytesRead())
            .add("bytesWritten", r.bytesWritten())
            .add("durationMs", r.duration().toMillis())
            .add("tracking", tracking(r.tracking()));
    opt(b, "changeId", r.changeId());
    opt(b, "parentFileName", r.parentFileName());
    if (r.image() != null) {
      b.add("image", facts(r.image()));
    }
    return b.build();
  }

  /** An image's recorded facts; a null SHA-256 stays null (the hub has it hashed later). */
  public static JsonObject facts(ImageFacts f) {
    JsonObjectBuilder image =
        Json.createObjectBuilder()
            .add("fileSize", f.fileSize())
            .add("virtualSize", f.virtualSize())
            .add("clusterSize", f.clusterSize())
            .add("allocatedBytes", f.allocatedBytes());
    opt(image, "sha256", f.sha256());
    return opt(image, "backingFile", f.backingFile()).build();
  }

  public static ImageFacts facts(JsonObject i) {
    return new ImageFacts(
        num(i, "fileSize"),
        str(i, "sha256"),
        num(i, "virtualSize"),
        i.getInt("clusterSize"),
        str(i, "backingFile"),
        num(i, "allocatedBytes"));
  }

  public static DiskResult result(JsonObject o) {
    ImageFacts image = o.containsKey("image") ? facts(o.getJsonObject("image")) : null;
    return new DiskResult(
        o.getInt("diskKey"),
        str(o, "changeId"),
        o.getString("fileName"),
        str(o, "parentFileName"),
        num(o, "bytesRead"),
        num(o, "bytesWritten"),
        Duration.ofMillis(num(o, "durationMs")),
        tracking(o.getJsonObject("tracking")),
        image);
  }

  public static JsonObject progress(BackupProgress p) {
    JsonArrayBuilder disks = Json.createArrayBuilder();
    p.disks()
        .forEach(
            d ->
                disks.add(
                    Json.createObjectBuilder()
                        .add("diskKey", d.diskKey())
                        .add("bytesDone", d.bytesDone())
                        .add("bytesTotal", d.bytesTotal())));
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("jobExecutionId", p.jobExecutionId())
            .add("vmId", p.vmId())
            .add("phase", p.phase().name())
            .add("bytesDone", p.bytesDone())
            .add("bytesTotal", p.bytesTotal())
            .add("bytesPerSecond", p.bytesPerSecond())
            .add("disks", disks)
            .add("at", p.at().toString());
    if (p.eta() != null) {
      b.add("etaMs", p.eta().toMillis());
    }
    return b.build();
  }

  public static BackupProgress progress(JsonObject o) {
    return new BackupProgress(
        num(o, "jobExecutionId"),
        o.getString("vmId"),
        BackupPhase.valueOf(o.getString("phase")),
        num(o, "bytesDone"),
        num(o, "bytesTotal"),
        o.getJsonNumber("bytesPerSecond").doubleValue(),
        o.containsKey("etaMs") ? Duration.ofMillis(num(o, "etaMs")) : null,
        list(
            o,
            "disks",
            d -> new DiskProgress(d.getInt("diskKey"), num(d, "bytesDone"), num(d, "bytesTotal"))),
        Instant.parse(o.getString("at")));
  }

  static JsonObjectBuilder opt(JsonObjectBuilder b, String key, String value) {
    return value == null ? b.addNull(key) : b.add(key, value);
  }

  /** A string member, or null when it is missing or JSON null. */
  public static String str(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : o.getString(key);
  }

  public static long num(JsonObject o, String key) {
    return o.getJsonNumber(key).longValueExact();
  }

  private static <T> List<T> list(JsonObject o, String key, Function<JsonObject, T> f) {
    return o.getJsonArray(key).getValuesAs(JsonObject.class).stream().map(f).toList();
  }
}
