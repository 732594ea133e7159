package io.sendense.batch.port;

import java.util.Objects;

/**
 * One disk of a VM in the catalog.
 *
 * @param key the source's device key of the disk
 * @param label display label ("Hard disk 1")
 * @param capacityBytes size of the disk as the guest sees it
 */
public record DiskRecord(int key, String label, long capacityBytes) {

  public DiskRecord {
    Objects.requireNonNull(label, "label");
    if (capacityBytes <= 0) {
      throw new IllegalArgumentException("Disk " + key + " has no capacity: " + capacityBytes);
    }
  }
}
