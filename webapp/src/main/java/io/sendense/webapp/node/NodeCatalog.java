package io.sendense.webapp.node;

import io.sendense.batch.point.PointJson;
import io.sendense.batch.port.BackupProgress;
import io.sendense.batch.port.DiskResult;
import io.sendense.batch.wire.PortJson;
import io.sendense.webapp.backup.HubCatalogPort;
import io.sendense.webapp.backup.HubTelemetrySink;
import io.sendense.webapp.common.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * The backup job's catalog port and telemetry sink for nodes: each call is answered by the hub's
 * own adapters ({@link HubCatalogPort}, {@link HubTelemetrySink}), so a node's job records exactly
 * what a hub job would. A node reaches only the VMs and backups of the jobs it runs now.
 */
@ApplicationScoped
public class NodeCatalog {
  @Inject HubCatalogPort port;
  @Inject HubTelemetrySink telemetry;
  @Inject NodeJobRecords records;
  @Inject Event<NodesChanged> nodesChanged;

  public JsonValue call(long nodeId, String operation, JsonObject a) {
    return switch (operation) {
      case "vm" -> PortJson.vm(port.vm(vm(nodeId, a)));
      case "latestCompletePoint" ->
          port.latestCompletePoint(vm(nodeId, a), a.getInt("diskKey"), a.getString("repositoryId"))
              .map(PortJson::parent)
              .orElse(JsonValue.NULL);
      case "createBackup" -> {
        var request = PortJson.newBackup(a.getJsonObject("backup"));
        execution(nodeId, request.jobExecutionId());
        if (!records.runsVm(nodeId, request.vmId())) {
          throw forbidden("VM " + request.vmId());
        }
        yield PortJson.backup(port.createBackup(request));
      }
      case "backupOfJob" -> {
        execution(nodeId, PortJson.num(a, "jobInstanceId"));
        yield port.backupOfJob(PortJson.num(a, "jobInstanceId"))
            .<JsonValue>map(PortJson::backup)
            .orElse(JsonValue.NULL);
      }
      case "resumeBackup" -> {
        execution(nodeId, PortJson.num(a, "jobExecutionId"));
        yield PortJson.backup(
            port.resumeBackup(
                backup(nodeId, a),
                PortJson.num(a, "jobInstanceId"),
                PortJson.num(a, "jobExecutionId")));
      }
      case "backupRestarted" -> {
        port.backupRestarted(backup(nodeId, a), PortJson.num(a, "jobExecutionId"));
        yield JsonValue.NULL;
      }
      case "transferCommitted" -> {
        port.transferCommitted(backup(nodeId, a), PortJson.transfer(a.getJsonObject("transfer")));
        yield JsonValue.NULL;
      }
      case "transferOf" ->
          port.transferOf(backup(nodeId, a), a.getInt("diskKey"))
              .<JsonValue>map(PortJson::transfer)
              .orElse(JsonValue.NULL);
      case "completeBackup" -> {
        List<DiskResult> results =
            a.getJsonArray("results").getValuesAs(JsonObject.class).stream()
                .map(PortJson::result)
                .toList();
        port.completeBackup(backup(nodeId, a), results);
        yield JsonValue.NULL;
      }
      case "recordVmConfiguration" -> {
        port.recordVmConfiguration(
            backup(nodeId, a),
            PointJson.configuration(a.getString("configuration")),
            a.getString("file"));
        yield JsonValue.NULL;
      }
      case "failBackup" -> {
        port.failBackup(backup(nodeId, a), a.getString("reason"));
        yield JsonValue.NULL;
      }
      default -> throw new Refusal(404, "No catalog operation '" + operation + "'");
    };
  }

  /** A progress push of one of the node's running jobs. */
  public void telemetry(long nodeId, long jobId, BackupProgress progress) {
    long job =
        records
            .jobOfExecution(nodeId, progress.jobExecutionId())
            .orElseThrow(() -> forbidden("execution " + progress.jobExecutionId()));
    if (job != jobId) {
      throw forbidden("job " + jobId);
    }
    records.contact(jobId);
    telemetry.push(progress);
    nodesChanged.fire(new NodesChanged()); // the job's progress on the Nodes page
  }

  static JsonObject wrap(JsonValue value) {
    return Json.createObjectBuilder().add("value", value).build();
  }

  private String vm(long nodeId, JsonObject a) {
    String vmId = a.getString("vmId");
    if (!records.runsVm(nodeId, vmId)) {
      throw forbidden("VM " + vmId);
    }
    return vmId;
  }

  private long backup(long nodeId, JsonObject a) {
    long id = PortJson.num(a, "backupId");
    if (!records.runsBackup(nodeId, id)) {
      throw forbidden("backup " + id);
    }
    return id;
  }

  private void execution(long nodeId, long executionId) {
    records
        .jobOfExecution(nodeId, executionId)
        .orElseThrow(() -> forbidden("execution " + executionId));
  }

  private static Refusal forbidden(String what) {
    return new Refusal(403, "This node runs no job of " + what);
  }
}
