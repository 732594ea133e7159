package io.sendense.persistence.restore;

import io.sendense.persistence.common.CatalogEntity;
import io.sendense.persistence.common.Columns;
import jakarta.persistence.*;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One request to restore a whole VM from a restore point into a source, from the queue to its end,
 * with what it made so far (the new VM and which disks are written) so that an interrupted restore
 * goes on with the same VM and a failed one can delete it. Progress columns are written with bulk
 * updates ({@link RestoreJobStore#progress}) so telemetry never conflicts with status changes.
 */
@Entity
@Table(name = "restore_jobs")
@NamedQueries({
  @NamedQuery(
      name = "RestoreJob.byStatus",
      query = "SELECT j FROM RestoreJob j WHERE j.status IN :statuses ORDER BY j.queuedAt, j.id"),
  @NamedQuery(
      name = "RestoreJob.onNode",
      query =
          "SELECT j FROM RestoreJob j WHERE j.node.id = :node AND j.status IN :statuses"
              + " ORDER BY j.queuedAt, j.id")
})
public class RestoreJob extends CatalogEntity {
  @Column(name = "backup_id")
  private Long backupId;

  @Column(name = "vm_context_id")
  private Long vmId;

  @Column(name = "source_id")
  private Long sourceId;

  @Column(name = "vm_name", nullable = false)
  private String vmName;

  @Column(name = "point_time")
  private Instant pointTime;

  @Column(name = "target_name", nullable = false)
  private String targetName;

  @Column(name = "placement_json", nullable = false)
  private String placementJson;

  @Column(name = "network_map_json", nullable = false)
  private String networkMapJson = "{}";

  @Column(name = "disk_provisioning")
  private String diskProvisioning;

  @Column(name = "power_on")
  private boolean powerOn;

  @Column(name = "replace_vm_id")
  private String replaceVmId;

  @Column(name = "original_removed")
  private boolean originalRemoved;

  @Column(name = "requested_by")
  private String requestedBy;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  private RestoreJobStatus status = RestoreJobStatus.QUEUED;

  @Enumerated(EnumType.STRING)
  @Column(name = "phase")
  private RestoreJobPhase phase;

  @Column(name = "job_instance_id")
  private Long jobInstanceId;

  @Column(name = "job_execution_id")
  private Long jobExecutionId;

  @Column(name = "executions")
  private int executions;

  @Column(name = "interruptions")
  private int interruptions;

  @Column(name = "cancel_requested")
  private boolean cancelRequested;

  @Column(name = "created_vm_id")
  private String createdVmId;

  @Column(name = "created_vm_json")
  private String createdVmJson;

  @Column(name = "resolved_json")
  private String resolvedJson;

  @Column(name = "queued_at", nullable = false)
  private Instant queuedAt = Instant.now();

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "first_byte_at")
  private Instant firstByteAt;

  @Column(name = "ended_at")
  private Instant endedAt;

  @Column(name = "bytes_done")
  private long bytesDone;

  @Column(name = "bytes_total")
  private long bytesTotal;

  @Column(name = "rate_bps")
  private long rateBps;

  @Column(name = "eta_seconds")
  private Long etaSeconds;

  @Column(name = "error_message")
  private String errorMessage;

  /** The node the restore runs on; null when the hub's batch runtime runs it. */
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "node_id")
  private io.sendense.persistence.node.Node node;

  /** When the node last reported on this restore (claim, catalog call, progress, poll). */
  @Column(name = "node_contact_at")
  private Instant nodeContactAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "restore_job_disks", joinColumns = @JoinColumn(name = "restore_job_id"))
  @OrderBy("diskIndex")
  private List<RestoreJobDisk> disks = new ArrayList<>();

  public io.sendense.persistence.node.Node getNode() {
    return node;
  }

  public void setNode(io.sendense.persistence.node.Node node) {
    this.node = node;
  }

  public Instant getNodeContactAt() {
    return nodeContactAt;
  }

  public void setNodeContactAt(Instant nodeContactAt) {
    this.nodeContactAt = nodeContactAt;
  }

  public Long getBackupId() {
    return backupId;
  }

  public void setBackupId(Long backupId) {
    this.backupId = backupId;
  }

  public Long getVmId() {
    return vmId;
  }

  public void setVmId(Long vmId) {
    this.vmId = vmId;
  }

  public Long getSourceId() {
    return sourceId;
  }

  public void setSourceId(Long sourceId) {
    this.sourceId = sourceId;
  }

  public String getVmName() {
    return vmName;
  }

  public void setVmName(String vmName) {
    this.vmName = vmName;
  }

  public Instant getPointTime() {
    return pointTime;
  }

  public void setPointTime(Instant pointTime) {
    this.pointTime = pointTime;
  }

  public String getTargetName() {
    return targetName;
  }

  public void setTargetName(String targetName) {
    this.targetName = targetName;
  }

  public String getPlacementJson() {
    return placementJson;
  }

  public void setPlacementJson(String placementJson) {
    this.placementJson = placementJson;
  }

  public String getNetworkMapJson() {
    return networkMapJson;
  }

  public void setNetworkMapJson(String networkMapJson) {
    this.networkMapJson = networkMapJson;
  }

  public String getDiskProvisioning() {
    return diskProvisioning;
  }

  public void setDiskProvisioning(String diskProvisioning) {
    this.diskProvisioning = diskProvisioning;
  }

  public boolean isPowerOn() {
    return powerOn;
  }

  public void setPowerOn(boolean powerOn) {
    this.powerOn = powerOn;
  }

  public String getReplaceVmId() {
    return replaceVmId;
  }

  public void setReplaceVmId(String replaceVmId) {
    this.replaceVmId = replaceVmId;
  }

  /** Whether the original VM a replacing restore stands in for was deleted already. */
  public boolean isOriginalRemoved() {
    return originalRemoved;
  }

  public void setOriginalRemoved(boolean originalRemoved) {
    this.originalRemoved = originalRemoved;
  }

  public String getRequestedBy() {
    return requestedBy;
  }

  public void setRequestedBy(String requestedBy) {
    this.requestedBy = requestedBy;
  }

  public RestoreJobStatus getStatus() {
    return status;
  }

  public void setStatus(RestoreJobStatus status) {
    this.status = status;
  }

  public RestoreJobPhase getPhase() {
    return phase;
  }

  public void setPhase(RestoreJobPhase phase) {
    this.phase = phase;
  }

  public Long getJobInstanceId() {
    return jobInstanceId;
  }

  public void setJobInstanceId(Long jobInstanceId) {
    this.jobInstanceId = jobInstanceId;
  }

  public Long getJobExecutionId() {
    return jobExecutionId;
  }

  public void setJobExecutionId(Long jobExecutionId) {
    this.jobExecutionId = jobExecutionId;
  }

  public int getExecutions() {
    return executions;
  }

  public void setExecutions(int executions) {
    this.executions = executions;
  }

  public int getInterruptions() {
    return interruptions;
  }

  public void setInterruptions(int interruptions) {
    this.interruptions = interruptions;
  }

  public boolean isCancelRequested() {
    return cancelRequested;
  }

  public void setCancelRequested(boolean cancelRequested) {
    this.cancelRequested = cancelRequested;
  }

  public String getCreatedVmId() {
    return createdVmId;
  }

  public String getCreatedVmJson() {
    return createdVmJson;
  }

  /** Records the VM the restore made (null: none, or it was deleted). */
  public void setCreatedVm(String vmId, String json) {
    this.createdVmId = vmId;
    this.createdVmJson = json;
  }

  public String getResolvedJson() {
    return resolvedJson;
  }

  public void setResolvedJson(String resolvedJson) {
    this.resolvedJson = resolvedJson;
  }

  public Instant getQueuedAt() {
    return queuedAt;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(Instant startedAt) {
    this.startedAt = startedAt;
  }

  public Instant getFirstByteAt() {
    return firstByteAt;
  }

  public Instant getEndedAt() {
    return endedAt;
  }

  public void setEndedAt(Instant endedAt) {
    this.endedAt = endedAt;
  }

  public long getBytesDone() {
    return bytesDone;
  }

  public long getBytesTotal() {
    return bytesTotal;
  }

  public long getRateBps() {
    return rateBps;
  }

  public Long getEtaSeconds() {
    return etaSeconds;
  }

  public String getErrorMessage() {
    return errorMessage;
  }

  public void setErrorMessage(String errorMessage) {
    this.errorMessage = Columns.fit(errorMessage, 4000);
  }

  public List<RestoreJobDisk> getDisks() {
    return disks;
  }

  /** The disk with this key. */
  public RestoreJobDisk disk(int key) {
    return disks.stream()
        .filter(d -> d.getDiskKey() == key)
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("Restore " + getId() + " has no disk " + key));
  }
}
