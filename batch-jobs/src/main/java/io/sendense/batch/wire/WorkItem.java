package io.sendense.batch.wire;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One backup job the hub hands to a node: everything the job needs that a hub would read from its
 * catalog, secrets included (they travel only over the node's mutual-TLS connection and are never
 * written to the node's disk).
 *
 * @param jobId the hub's backup job id
 * @param jobInstanceId the id the hub's catalog knows this execution's job instance by (a node's
 *     own batch ids restart with its process, so the hub allocates ids that never collide)
 * @param jobExecutionId likewise for the execution
 * @param vmId the catalog's VM id; {@code sourceVmId} the plugin's id of the VM (a vSphere moref)
 * @param parameters the backup-vm job parameters (vmId, repositoryId, backupType, ...)
 */
public record WorkItem(
    long jobId,
    long jobInstanceId,
    long jobExecutionId,
    String vmId,
    String sourceVmId,
    Map<String, String> parameters,
    Extension source,
    Extension repository) {

  /**
   * A plugin extension and its full configuration. For an encrypted repository the configuration
   * also holds the passphrase of its images under {@link #PASSPHRASE}, a key no plugin form uses.
   */
  public record Extension(String typeId, String name, Map<String, String> config) {
    public static final String PASSPHRASE = "sendense.passphrase";

    public Extension {
      Objects.requireNonNull(typeId, "typeId");
      config = Map.copyOf(config);
    }

    /** Never the configuration: it holds secrets. */
    @Override
    public String toString() {
      return typeId + " '" + name + "'";
    }
  }

  public WorkItem {
    Objects.requireNonNull(vmId, "vmId");
    parameters = Map.copyOf(parameters);
  }

  public JsonObject toJson() {
    return Json.createObjectBuilder()
        .add("jobId", jobId)
        .add("jobInstanceId", jobInstanceId)
        .add("jobExecutionId", jobExecutionId)
        .add("vmId", vmId)
        .add("sourceVmId", sourceVmId)
        .add("parameters", map(parameters))
        .add("source", extension(source))
        .add("repository", extension(repository))
        .build();
  }

  public static WorkItem fromJson(JsonObject o) {
    return new WorkItem(
        PortJson.num(o, "jobId"),
        PortJson.num(o, "jobInstanceId"),
        PortJson.num(o, "jobExecutionId"),
        o.getString("vmId"),
        o.getString("sourceVmId"),
        map(o.getJsonObject("parameters")),
        extension(o.getJsonObject("source")),
        extension(o.getJsonObject("repository")));
  }

  private static JsonObject extension(Extension e) {
    return Json.createObjectBuilder()
        .add("typeId", e.typeId())
        .add("name", e.name())
        .add("config", map(e.config()))
        .build();
  }

  private static Extension extension(JsonObject o) {
    return new Extension(
        o.getString("typeId"), o.getString("name"), map(o.getJsonObject("config")));
  }

  private static JsonObjectBuilder map(Map<String, String> m) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    m.forEach(b::add);
    return b;
  }

  private static Map<String, String> map(JsonObject o) {
    Map<String, String> m = new LinkedHashMap<>();
    o.forEach((k, v) -> m.put(k, o.getString(k)));
    return m;
  }

  @Override
  public String toString() {
    return "WorkItem[job " + jobId + ", VM " + vmId + "]";
  }
}
