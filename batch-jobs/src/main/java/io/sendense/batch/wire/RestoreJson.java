package io.sendense.batch.wire;

import io.sendense.batch.point.PointJson;
import io.sendense.batch.restore.port.RestorePhase;
import io.sendense.batch.restore.port.RestoreProgress;
import io.sendense.batch.restore.port.RestoreRequest;
import io.sendense.plugin.api.source.RestoreCheck;
import io.sendense.plugin.api.source.VmConfiguration;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The {@code restore-vm} job's port values as JSON, for a node whose restore reaches the catalog
 * over the hub's node API ({@link PortJson} is the backup job's). Both ends use this one codec.
 */
public final class RestoreJson {
  private RestoreJson() {}

  public static JsonObject request(RestoreRequest r) {
    JsonArrayBuilder disks = Json.createArrayBuilder();
    r.disks()
        .forEach(
            d ->
                disks.add(
                    Json.createObjectBuilder()
                        .add("key", d.key())
                        .add("index", d.index())
                        .add("label", d.label() == null ? "" : d.label())
                        .add("capacityBytes", d.capacityBytes())
                        .add("uploaded", d.uploaded())));
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("restoreId", r.restoreId())
            .add("backupId", r.backupId())
            .add("sourceId", r.sourceId())
            .add("targetName", r.targetName())
            .add("placement", PointJson.write(r.placement()))
            .add("networkMap", PointJson.write(r.networkMap()))
            .add("powerOn", r.powerOn())
            .add("originalRemoved", r.originalRemoved())
            .add("disks", disks);
    PortJson.opt(
        b, "diskProvisioning", r.diskProvisioning() == null ? null : r.diskProvisioning().name());
    PortJson.opt(b, "replaceVmId", r.replaceVmId());
    PortJson.opt(b, "createdVm", r.createdVm() == null ? null : PointJson.write(r.createdVm()));
    return b.build();
  }

  public static RestoreRequest request(JsonObject o) {
    String provisioning = PortJson.str(o, "diskProvisioning");
    String created = PortJson.str(o, "createdVm");
    return new RestoreRequest(
        PortJson.num(o, "restoreId"),
        PortJson.num(o, "backupId"),
        PortJson.num(o, "sourceId"),
        o.getString("targetName"),
        PointJson.placement(o.getString("placement")),
        PointJson.map(o.getString("networkMap")),
        provisioning == null ? null : VmConfiguration.Provisioning.valueOf(provisioning),
        o.getBoolean("powerOn"),
        PortJson.str(o, "replaceVmId"),
        o.getBoolean("originalRemoved"),
        o.getJsonArray("disks").getValuesAs(JsonObject.class).stream()
            .map(
                d ->
                    new RestoreRequest.Disk(
                        d.getInt("key"),
                        d.getInt("index"),
                        d.getString("label"),
                        PortJson.num(d, "capacityBytes"),
                        d.getBoolean("uploaded")))
            .toList(),
        created == null ? null : PointJson.restoredVm(created));
  }

  public static JsonObject check(RestoreCheck c) {
    return Json.createObjectBuilder()
        .add("placement", PointJson.write(c.placement()))
        .add("networks", PointJson.write(c.networks()))
        .add("requiredBytes", c.requiredBytes())
        .add("freeBytes", c.freeBytes())
        .build();
  }

  public static RestoreCheck check(JsonObject o) {
    return new RestoreCheck(
        PointJson.placement(o.getString("placement")),
        PointJson.map(o.getString("networks")),
        PortJson.num(o, "requiredBytes"),
        PortJson.num(o, "freeBytes"));
  }

  public static JsonObject progress(RestoreProgress p) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("restoreId", p.restoreId())
            .add("phase", p.phase().name())
            .add("bytesDone", p.bytesDone())
            .add("bytesTotal", p.bytesTotal())
            .add("rateBps", p.rateBps());
    return (p.etaSeconds() == null ? b.addNull("etaSeconds") : b.add("etaSeconds", p.etaSeconds()))
        .build();
  }

  public static RestoreProgress progress(JsonObject o) {
    JsonValue eta = o.getOrDefault("etaSeconds", JsonValue.NULL);
    return new RestoreProgress(
        PortJson.num(o, "restoreId"),
        RestorePhase.valueOf(o.getString("phase")),
        PortJson.num(o, "bytesDone"),
        PortJson.num(o, "bytesTotal"),
        PortJson.num(o, "rateBps"),
        eta.getValueType() == JsonValue.ValueType.NUMBER
            ? ((jakarta.json.JsonNumber) eta).longValueExact()
            : null);
  }
}
