package io.sendense.node;

import io.sendense.batch.point.PointJson;
import io.sendense.batch.restore.port.RestoreCatalogPort;
import io.sendense.batch.restore.port.RestoreProgress;
import io.sendense.batch.restore.port.RestoreRequest;
import io.sendense.batch.wire.RestoreJson;
import io.sendense.plugin.api.source.RestoreCheck;
import io.sendense.plugin.api.source.RestoredVm;
import io.sendense.plugin.api.source.VmConfiguration;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The restore job's catalog, on the hub, relayed as the backup's {@link RemoteCatalogPort} is
 * ({@link HubCalls#relay}): each call is one POST to {@code /node/v1/restore-catalog/{operation}},
 * answered by the hub's own restore catalog adapter. The job names restores by the hub's ids, so
 * nothing is translated. The point's recorded configuration comes the same way.
 */
final class RemoteRestoreCatalogPort implements RestoreCatalogPort {
  private final HubCalls hub;

  RemoteRestoreCatalogPort(HubCalls hub) {
    this.hub = hub;
  }

  @Override
  public RestoreRequest request(long restoreId) {
    return RestoreJson.request(call("request", restoreId).asJsonObject());
  }

  @Override
  public void resolved(long restoreId, RestoreCheck check) {
    call("resolved", restore(restoreId).add("check", RestoreJson.check(check)));
  }

  @Override
  public void vmCreated(long restoreId, RestoredVm vm) {
    call("vmCreated", restore(restoreId).add("vm", PointJson.write(vm)));
  }

  @Override
  public void vmRemoved(long restoreId) {
    call("vmRemoved", restoreId);
  }

  @Override
  public void diskUploaded(long restoreId, int diskKey, long bytesSent, long durationMs) {
    call(
        "diskUploaded",
        restore(restoreId)
            .add("diskKey", diskKey)
            .add("bytesSent", bytesSent)
            .add("durationMs", durationMs));
  }

  @Override
  public void originalRemoved(long restoreId) {
    call("originalRemoved", restoreId);
  }

  @Override
  public void completed(long restoreId, String vmId, String vmName, String warning) {
    JsonObjectBuilder a = restore(restoreId).add("vmId", vmId).add("vmName", vmName);
    call("completed", warning == null ? a.addNull("warning") : a.add("warning", warning));
  }

  @Override
  public void failed(long restoreId, String reason) {
    call("failed", restore(restoreId).add("reason", reason == null ? "" : reason));
  }

  @Override
  public boolean cancelRequested(long restoreId) {
    return call("cancelRequested", restoreId) == JsonValue.TRUE;
  }

  @Override
  public void progress(RestoreProgress progress) {
    call("progress", restore(progress.restoreId()).add("progress", RestoreJson.progress(progress)));
  }

  /** The configuration recorded with the point a restore of this node reads. */
  VmConfiguration configuration(long restoreId, long backupId) {
    JsonValue v = call("configuration", restore(restoreId).add("backupId", backupId));
    return PointJson.configuration(((jakarta.json.JsonString) v).getString());
  }

  private static JsonObjectBuilder restore(long restoreId) {
    return Json.createObjectBuilder().add("restoreId", restoreId);
  }

  private JsonValue call(String operation, long restoreId) {
    return call(operation, restore(restoreId));
  }

  private JsonValue call(String operation, JsonObjectBuilder args) {
    return hub.relay("node/v1/restore-catalog/" + operation, args.build());
  }
}
