package io.sendense.webapp.node;

import io.sendense.batch.point.PointJson;
import io.sendense.batch.restore.port.RestoreProgress;
import io.sendense.batch.wire.PortJson;
import io.sendense.batch.wire.RestoreJson;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.vmrestore.HubRestoreCatalogPort;
import io.sendense.webapp.vmrestore.HubRestorePointPort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The restore job's catalog port for nodes, as {@link NodeCatalog} is the backup's: each call is
 * answered by the hub's own adapter ({@link HubRestoreCatalogPort}), so a node's restore records
 * exactly what a hub restore would, and its progress lands the same way. A node reaches only the
 * restores it runs now; every call counts as a report on the restore for the stale check.
 */
@ApplicationScoped
public class NodeRestoreCatalog {
  @Inject HubRestoreCatalogPort port;
  @Inject HubRestorePointPort pointPort;
  @Inject NodeRestoreRecords records;

  public JsonValue call(long nodeId, String operation, JsonObject a) {
    long id = PortJson.num(a, "restoreId");
    if (!records.runs(nodeId, id)) {
      throw new Refusal(403, "This node runs no restore " + id);
    }
    return switch (operation) {
      case "request" -> RestoreJson.request(port.request(id));
      case "resolved" -> done(() -> port.resolved(id, RestoreJson.check(a.getJsonObject("check"))));
      case "vmCreated" -> done(() -> port.vmCreated(id, PointJson.restoredVm(a.getString("vm"))));
      case "vmRemoved" -> done(() -> port.vmRemoved(id));
      case "diskUploaded" ->
          done(
              () ->
                  port.diskUploaded(
                      id,
                      a.getInt("diskKey"),
                      PortJson.num(a, "bytesSent"),
                      PortJson.num(a, "durationMs")));
      case "originalRemoved" -> done(() -> port.originalRemoved(id));
      case "completed" ->
          done(
              () ->
                  port.completed(
                      id, a.getString("vmId"), a.getString("vmName"), PortJson.str(a, "warning")));
      case "failed" -> done(() -> port.failed(id, a.getString("reason")));
      case "cancelRequested" -> port.cancelRequested(id) ? JsonValue.TRUE : JsonValue.FALSE;
      case "progress" -> {
        RestoreProgress p = RestoreJson.progress(a.getJsonObject("progress"));
        if (p.restoreId() != id) {
          throw new Refusal(403, "This node runs no restore " + p.restoreId());
        }
        yield done(() -> port.progress(p));
      }
      case "configuration" -> {
        long backupId = PortJson.num(a, "backupId");
        if (port.request(id).backupId() != backupId) {
          throw new Refusal(403, "Restore " + id + " does not read backup " + backupId);
        }
        yield Json.createValue(PointJson.write(pointPort.configuration(backupId)));
      }
      default -> throw new Refusal(404, "No restore catalog operation '" + operation + "'");
    };
  }

  private static JsonValue done(Runnable call) {
    call.run();
    return JsonValue.NULL;
  }
}
