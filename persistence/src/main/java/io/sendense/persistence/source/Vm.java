package io.sendense.persistence.source;

import io.sendense.persistence.common.CatalogEntity;
import io.sendense.persistence.common.PresenceState;
import jakarta.persistence.*;
import java.time.Instant;

/** A virtual machine discovered on a source; marked GONE, never deleted, when it disappears. */
@Entity
@Table(name = "vm_contexts")
@NamedQueries({
  @NamedQuery(
      name = "Vm.bySource",
      query = "SELECT v FROM Vm v WHERE v.source = :source ORDER BY v.name"),
  @NamedQuery(
      name = "Vm.byMoref",
      query = "SELECT v FROM Vm v WHERE v.source = :source AND v.moref = :moref")
})
public class Vm extends CatalogEntity {

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "source_id")
  private Source source;

  @Column(name = "moref", nullable = false)
  private String moref;

  @Column(name = "instance_uuid")
  private String instanceUuid;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "power_state")
  private String powerState;

  @Column(name = "guest_os")
  private String guestOs;

  @Column(name = "cpus")
  private Integer cpus;

  @Column(name = "memory_mb")
  private Long memoryMb;

  @Column(name = "folder_path")
  private String folderPath;

  @Column(name = "datacenter")
  private String datacenter;

  @Column(name = "cbt_enabled")
  private boolean cbtEnabled;

  @Column(name = "tags")
  private String tags;

  @Enumerated(EnumType.STRING)
  @Column(name = "state", nullable = false)
  private PresenceState state = PresenceState.PRESENT;

  @Column(name = "discovered_at")
  private Instant discoveredAt = Instant.now();

  @Column(name = "last_seen_at")
  private Instant lastSeenAt;

  public Source getSource() {
    return source;
  }

  public void setSource(Source source) {
    this.source = source;
  }

  public String getMoref() {
    return moref;
  }

  public void setMoref(String moref) {
    this.moref = moref;
  }

  public String getInstanceUuid() {
    return instanceUuid;
  }

  public void setInstanceUuid(String instanceUuid) {
    this.instanceUuid = instanceUuid;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getPowerState() {
    return powerState;
  }

  public void setPowerState(String powerState) {
    this.powerState = powerState;
  }

  public String getGuestOs() {
    return guestOs;
  }

  public void setGuestOs(String guestOs) {
    this.guestOs = guestOs;
  }

  public Integer getCpus() {
    return cpus;
  }

  public void setCpus(Integer cpus) {
    this.cpus = cpus;
  }

  public Long getMemoryMb() {
    return memoryMb;
  }

  public void setMemoryMb(Long memoryMb) {
    this.memoryMb = memoryMb;
  }

  public String getFolderPath() {
    return folderPath;
  }

  public void setFolderPath(String folderPath) {
    this.folderPath = folderPath;
  }

  public String getDatacenter() {
    return datacenter;
  }

  public void setDatacenter(String datacenter) {
    this.datacenter = datacenter;
  }

  public boolean isCbtEnabled() {
    return cbtEnabled;
  }

  public void setCbtEnabled(boolean cbtEnabled) {
    this.cbtEnabled = cbtEnabled;
  }

  public String getTags() {
    return tags;
  }

  public void setTags(String tags) {
    this.tags = tags;
  }

  public PresenceState getState() {
    return state;
  }

  public void setState(PresenceState state) {
    this.state = state;
  }

  public Instant getDiscoveredAt() {
    return discoveredAt;
  }

  public void setDiscoveredAt(Instant discoveredAt) {
    this.discoveredAt = discoveredAt;
  }

  public Instant getLastSeenAt() {
    return lastSeenAt;
  }

  public void setLastSeenAt(Instant lastSeenAt) {
    this.lastSeenAt = lastSeenAt;
  }
}
