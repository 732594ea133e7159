package io.sendense.batch.port;

import java.util.List;
import java.util.Objects;

/**
 * A VM as the catalog knows it.
 *
 * @param vmId the source's id of the VM
 * @param name display name
 * @param disks the disks to back up
 */
public record VmRecord(String vmId, String name, List<DiskRecord> disks) {

  public VmRecord {
    Objects.requireNonNull(vmId, "vmId");
    Objects.requireNonNull(name, "name");
    disks = List.copyOf(disks);
  }
}
