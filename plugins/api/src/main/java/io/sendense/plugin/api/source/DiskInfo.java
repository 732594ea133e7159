package io.sendense.plugin.api.source;

import java.util.Objects;

/**
 * One virtual disk of a VM.
 *
 * @param key the disk's device key, stable for the life of the disk; identifies it in every call
 * @param label display label ("Hard disk 1")
 * @param capacityBytes the disk's size as the guest sees it
 * @param datastoreName datastore holding the disk's backing file
 * @param backingFile datastore path of the backing file ("[ds] vm/vm.vmdk")
 * @param thinProvisioned whether the disk is thin provisioned
 * @param changeTracking whether Changed Block Tracking is on for this disk
 */
public record DiskInfo(
    int key,
    String label,
    long capacityBytes,
    String datastoreName,
    String backingFile,
    boolean thinProvisioned,
    boolean changeTracking) {

  public DiskInfo {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(backingFile, "backingFile");
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("Disk " + key + " has negative capacity");
    }
  }
}
