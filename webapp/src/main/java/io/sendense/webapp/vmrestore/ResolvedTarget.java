package io.sendense.webapp.vmrestore;

import io.sendense.batch.point.PointJson;
import io.sendense.plugin.api.source.RestoreCheck;
import io.sendense.plugin.api.source.VmPlacement;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;

/**
 * Where a restore goes as the source resolved it (placement with defaults filled in, networks,
 * space needed and free), kept as JSON with the restore for the API and the page.
 *
 * @param placement the full placement
 * @param networks recorded network to target network
 * @param requiredBytes datastore space the VM needs
 * @param freeBytes free space of the datastore when checked
 */
public record ResolvedTarget(
    VmPlacement placement, Map<String, String> networks, long requiredBytes, long freeBytes) {

  static String json(RestoreCheck check) {
    return Json.createObjectBuilder()
        .add("placement", PointJson.write(check.placement()))
        .add("networks", PointJson.write(check.networks()))
        .add("requiredBytes", check.requiredBytes())
        .add("freeBytes", check.freeBytes())
        .build()
        .toString();
  }

  static ResolvedTarget parse(String json) {
    if (json == null) {
      return null;
    }
    JsonObject o = Json.createReader(new StringReader(json)).readObject();
    return new ResolvedTarget(
        PointJson.placement(o.getString("placement")),
        PointJson.map(o.getString("networks")),
        o.getJsonNumber("requiredBytes").longValue(),
        o.getJsonNumber("freeBytes").longValue());
  }

  static ResolvedTarget of(RestoreCheck check) {
    return new ResolvedTarget(
        check.placement(), check.networks(), check.requiredBytes(), check.freeBytes());
  }
}
