package io.sendense.node;

import io.sendense.batch.point.PointJson;
import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.DiskResult;
import io.sendense.batch.port.DiskTransfer;
import io.sendense.batch.port.NewBackup;
import io.sendense.batch.port.ParentPoint;
import io.sendense.batch.port.VmRecord;
import io.sendense.batch.wire.PortJson;
import io.sendense.plugin.api.source.VmConfiguration;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * The backup job's catalog, on the hub, over the node API: each call is one POST to {@code
 * /node/v1/catalog/{operation}}, and the hub answers it with its own catalog adapter. The job's
 * batch ids are translated to the ids the hub allocated for the execution.
 */
final class RemoteCatalogPort implements CatalogPort {
  private final HubCalls hub;
  private final Executions executions;

  RemoteCatalogPort(HubCalls hub, Executions executions) {
    this.hub = hub;
    this.executions = executions;
  }

  @Override
  public VmRecord vm(String vmId) {
    return PortJson.vm(call("vm", args().add("vmId", vmId)).asJsonObject());
  }

  @Override
  public Optional<ParentPoint> latestCompletePoint(String vmId, int diskKey, String repositoryId) {
    return Optional.ofNullable(
        PortJson.parent(
            call(
                "latestCompletePoint",
                args()
                    .add("vmId", vmId)
                    .add("diskKey", diskKey)
                    .add("repositoryId", repositoryId))));
  }

  @Override
  public BackupRecord createBackup(NewBackup backup) {
    Executions.Running r = executions.byExecution(backup.jobExecutionId());
    NewBackup onHub =
        new NewBackup(
            r.item().jobInstanceId(),
            r.item().jobExecutionId(),
            backup.vmId(),
            backup.repositoryId(),
            backup.requestedType(),
            backup.started(),
            backup.disks());
    return PortJson.backup(
        hub.call(
                "node/v1/catalog/createBackup",
                args().add("backup", PortJson.newBackup(onHub)).build(),
                false)
            .get("value")
            .asJsonObject());
  }

  @Override
  public Optional<BackupRecord> backupOfJob(long jobInstanceId) {
    long hubInstance = executions.byInstance(jobInstanceId).item().jobInstanceId();
    JsonValue v = call("backupOfJob", args().add("jobInstanceId", hubInstance));
    return v.getValueType() == JsonValue.ValueType.NULL
        ? Optional.empty()
        : Optional.of(PortJson.backup(v.asJsonObject()));
  }

  @Override
  public BackupRecord resumeBackup(long backupId, long jobInstanceId, long jobExecutionId) {
    Executions.Running r = executions.byExecution(jobExecutionId);
    return PortJson.backup(
        call(
                "resumeBackup",
                args()
                    .add("backupId", backupId)
                    .add("jobInstanceId", r.item().jobInstanceId())
                    .add("jobExecutionId", r.item().jobExecutionId()))
            .asJsonObject());
  }

  @Override
  public void backupRestarted(long backupId, long jobExecutionId) {
    call(
        "backupRestarted",
        args()
            .add("backupId", backupId)
            .add("jobExecutionId", executions.byExecution(jobExecutionId).item().jobExecutionId()));
  }

  @Override
  public void transferCommitted(long backupId, DiskTransfer transfer) {
    call(
        "transferCommitted",
        args().add("backupId", backupId).add("transfer", PortJson.transfer(transfer)));
  }

  @Override
  public Optional<DiskTransfer> transferOf(long backupId, int diskKey) {
    JsonValue v = call("transferOf", args().add("backupId", backupId).add("diskKey", diskKey));
    return v.getValueType() == JsonValue.ValueType.NULL
        ? Optional.empty()
        : Optional.of(PortJson.transfer(v.asJsonObject()));
  }

  @Override
  public void completeBackup(long backupId, List<DiskResult> results) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    results.forEach(r -> list.add(PortJson.result(r)));
    call("completeBackup", args().add("backupId", backupId).add("results", list));
  }

  @Override
  public void recordVmConfiguration(long backupId, VmConfiguration configuration, String file) {
    call(
        "recordVmConfiguration",
        args()
            .add("backupId", backupId)
            .add("configuration", PointJson.write(configuration))
            .add("file", file));
  }

  @Override
  public void failBackup(long backupId, String reason) {
    call("failBackup", args().add("backupId", backupId).add("reason", reason));
  }

  private static JsonObjectBuilder args() {
    return Json.createObjectBuilder();
  }

  private JsonValue call(String operation, JsonObjectBuilder args) {
    return hub.relay("node/v1/catalog/" + operation, args.build());
  }
}
