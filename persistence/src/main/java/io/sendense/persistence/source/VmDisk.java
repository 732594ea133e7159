package io.sendense.persistence.source;

import io.sendense.persistence.common.CatalogEntity;
import io.sendense.persistence.common.PresenceState;
import jakarta.persistence.*;

/** One virtual disk of a VM, identified by its device key. */
@Entity
@Table(name = "vm_disks")
@NamedQueries({
  @NamedQuery(
      name = "VmDisk.byVm",
      query = "SELECT d FROM VmDisk d WHERE d.vm = :vm ORDER BY d.deviceKey")
})
public class VmDisk extends CatalogEntity {

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "vm_context_id")
  private Vm vm;

  @Column(name = "device_key")
  private int deviceKey;

  @Column(name = "label")
  private String label;

  @Column(name = "capacity_bytes")
  private long capacityBytes;

  @Column(name = "datastore")
  private String datastore;

  @Column(name = "backing_file")
  private String backingFile;

  @Column(name = "thin")
  private Boolean thin;

  @Column(name = "cbt_enabled")
  private boolean cbtEnabled;

  @Enumerated(EnumType.STRING)
  @Column(name = "state", nullable = false)
  private PresenceState state = PresenceState.PRESENT;

  public Vm getVm() {
    return vm;
  }

  public void setVm(Vm vm) {
    this.vm = vm;
  }

  public int getDeviceKey() {
    return deviceKey;
  }

  public void setDeviceKey(int deviceKey) {
    this.deviceKey = deviceKey;
  }

  public String getLabel() {
    return label;
  }

  public void setLabel(String label) {
    this.label = label;
  }

  public long getCapacityBytes() {
    return capacityBytes;
  }

  public void setCapacityBytes(long capacityBytes) {
    this.capacityBytes = capacityBytes;
  }

  public String getDatastore() {
    return datastore;
  }

  public void setDatastore(String datastore) {
    this.datastore = datastore;
  }

  public String getBackingFile() {
    return backingFile;
  }

  public void setBackingFile(String backingFile) {
    this.backingFile = backingFile;
  }

  public Boolean getThin() {
    return thin;
  }

  public void setThin(Boolean thin) {
    this.thin = thin;
  }

  public boolean isCbtEnabled() {
    return cbtEnabled;
  }

  public void setCbtEnabled(boolean cbtEnabled) {
    this.cbtEnabled = cbtEnabled;
  }

  public PresenceState getState() {
    return state;
  }

  public void setState(PresenceState state) {
    this.state = state;
  }
}
