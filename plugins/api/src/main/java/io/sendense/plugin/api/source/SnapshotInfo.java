package io.sendense.plugin.api.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One snapshot of a VM, flattened out of the VM's snapshot tree.
 *
 * @param id opaque id, unique within the source
 * @param name snapshot name
 * @param created when the snapshot was taken
 * @param quiesced whether the guest file systems were quiesced
 * @param parentId id of the parent snapshot, or {@code null} for a root snapshot
 */
public record SnapshotInfo(
    String id, String name, Instant created, boolean quiesced, String parentId) {

  public SnapshotInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
