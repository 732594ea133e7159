package io.sendense.plugin.api.source;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot taken for a backup: the handle every disk read and changed-area query of one backup
 * uses, so that all disks are read as of the same instant.
 *
 * @param vmId the VM's id
 * @param id the snapshot's id
 * @param name the snapshot's name
 * @param disks the VM's disks as frozen in the snapshot
 */
public record Snapshot(String vmId, String id, String name, List<SnapshotDisk> disks) {

  public Snapshot {
    Objects.requireNonNull(vmId, "vmId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    disks = List.copyOf(disks);
  }

  /**
   * The disk with this device key.
   *
   * @throws SourceException {@link SourceProblem#NOT_FOUND} if the snapshot has no such disk
   */
  public SnapshotDisk disk(int key) throws SourceException {
    for (SnapshotDisk d : disks) {
      if (d.disk().key() == key) {
        return d;
      }
    }
    throw new SourceException(
        SourceProblem.NOT_FOUND, "Snapshot " + name + " of VM " + vmId + " has no disk " + key);
  }
}
