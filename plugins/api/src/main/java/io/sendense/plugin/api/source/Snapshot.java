package io.sendense.plugin.api.source;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot taken for a backup: the handle every disk read and changed-area query of one backup
 * uses, so that all disks are read as of the same instant.
 *
 * @param vmId the VM's id
 * @param id the snapshot's id
 * @param name the snapshot's name
 * @param disks the VM's disks as frozen in the snapshot
 * @param vmConfiguration the VM's configuration as frozen in the snapshot, or {@code null} if the
 *     source does not record it
 */
public record Snapshot(
    String vmId,
    String id,
    String name,
    List<SnapshotDisk> disks,
    VmConfiguration vmConfiguration) {

  public Snapshot {
    Objects.requireNonNull(vmId, "vmId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    disks = List.copyOf(disks);
  }

  /** A snapshot without a recorded configuration. */
  public Snapshot(String vmId, String id, String name, List<SnapshotDisk> disks) {
    this(vmId, id, name, disks, null);
  }

  /** The VM's configuration at the snapshot, if the source records it. */
  public Optional<VmConfiguration> configuration() {
    return Optional.ofNullable(vmConfiguration);
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
