package io.sendense.batch.wire;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One job the hub hands to a node (a {@code backup-vm} job, or a {@code restore-vm} job of a
 * whole-VM restore): everything the job needs that a hub would read from its catalog, secrets
 * included (they travel only over the node's mutual-TLS connection and are never written to the
 * node's disk).
 *
 * @param jobName the job XML to run: {@link #BACKUP} or {@link #RESTORE}
 * @param jobId the hub's backup job id, or for a restore the restore's id
 * @param jobInstanceId the id the hub's catalog knows this execution's job instance by (a node's
 *     own batch ids restart with its process, so the hub allocates ids that never collide)
 * @param jobExecutionId likewise for the execution
 * @param vmId the catalog's VM id; {@code sourceVmId} the plugin's id of the VM (a vSphere moref)
 * @param parameters the job parameters (vmId, repositoryId, backupType, ...; for a restore
 *     restoreId, threads, and the point's repository and disk files)
 * @param source the source the job reads from (a restore: the source it restores into)
 * @param repository the repository it writes to (a restore: the one holding the point)
 */
public record WorkItem(
    String jobName,
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

  public static final String BACKUP = "backup-vm";
  public static final String RESTORE = "restore-vm";

  /** The parameter of a restore's work item that names the point's image of disk {@code key}. */
  public static String diskFileParameter(int key) {
    return "diskFile." + key;
  }

  public WorkItem {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(vmId, "vmId");
    parameters = Map.copyOf(parameters);
  }

  /** A {@code backup-vm} job. */
  public WorkItem(
      long jobId,
      long jobInstanceId,
      long jobExecutionId,
      String vmId,
      String sourceVmId,
      Map<String, String> parameters,
      Extension source,
      Extension repository) {
    this(
        BACKUP,
        jobId,
        jobInstanceId,
        jobExecutionId,
        vmId,
        sourceVmId,
        parameters,
        source,
        repository);
  }

  public boolean isRestore() {
    return RESTORE.equals(jobName);
  }

  public JsonObject toJson() {
    return Json.createObjectBuilder()
        .add("jobName", jobName)
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
        o.getString("jobName", BACKUP),
        PortJson.num(o, "jobId"),
        PortJson.num(o, "jobInstanceId"),
        PortJson.num(o, "jobExecutionId"),
        o.getString("vmId"),
        o.getString("sourceVmId"),
        map(o.getJsonObject("parameters")),
        extension(o.getJsonObject("source")),
        extension(o.getJsonObject("repository")));
  }

  /** The JSON of an extension (also a node's lifecycle task's repository). */
  public static JsonObject extension(Extension e) {
    return Json.createObjectBuilder()
        .add("typeId", e.typeId())
        .add("name", e.name())
        .add("config", map(e.config()))
        .build();
  }

  public static Extension extension(JsonObject o) {
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
    return (isRestore() ? "WorkItem[restore " : "WorkItem[job ") + jobId + ", VM " + vmId + "]";
  }
}
