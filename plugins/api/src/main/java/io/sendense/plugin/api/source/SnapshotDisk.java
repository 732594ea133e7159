package io.sendense.plugin.api.source;

import java.util.Objects;
import java.util.Optional;

/**
 * A disk as frozen in a snapshot, with the Changed Block Tracking id that marks this point in time.
 *
 * @param disk the disk as it was when the snapshot was taken (its backing file is the frozen one)
 * @param changeId the CBT change id to store with the restore point and to pass as "since" to the
 *     next incremental, or {@code null} if CBT was not active for the disk
 */
public record SnapshotDisk(DiskInfo disk, String changeId) {

  public SnapshotDisk {
    Objects.requireNonNull(disk, "disk");
  }

  /** The change id, if CBT was active. */
  public Optional<String> changeIdIfTracked() {
    return Optional.ofNullable(changeId);
  }
}
