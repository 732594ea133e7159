package io.sendense.batch.backup;

import io.sendense.plugin.api.source.ChangedAreas;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceSession;
import java.util.List;
import java.util.logging.Logger;

/**
 * Decides which ranges of a disk a transfer reads. A first run reads the changed areas since the
 * parent (all allocated areas for a full). A restart runs on a new snapshot (the old one was
 * removed when the job failed), so it reads the ranges above its checkpoint as usual, plus whatever
 * changed below the checkpoint between the old snapshot and the new one: the image then matches the
 * new snapshot as a whole, without re-reading what was committed.
 */
final class TransferRanges {
  private static final Logger LOG = Logger.getLogger(TransferRanges.class.getName());
  static final String ALL = "*";

  private final SourceSession session;
  private final Snapshot snapshot;

  TransferRanges(SourceSession session, Snapshot snapshot) {
    this.session = session;
    this.snapshot = snapshot;
  }

  /**
   * The ranges to read for a disk.
   *
   * @param sinceChangeId the parent's change id, or null for a full
   * @param from the checkpoint of an earlier execution, or null for a first run
   */
  List<DiskExtent> plan(int diskKey, long capacity, String sinceChangeId, ReadCheckpoint from)
      throws SourceException {
    List<DiskExtent> base = areas(diskKey, capacity, sinceChangeId == null ? ALL : sinceChangeId);
    if (from == null) {
      return base;
    }
    List<DiskExtent> ahead = Extents.clip(base, from.position(), capacity);
    if (from.snapshotId().equals(snapshot.id())) {
      return ahead;
    }
    return Extents.union(changedSince(diskKey, from, from.position()), ahead);
  }

  /**
   * What changed on a disk since an earlier snapshot, below {@code limit}: the disk's whole range
   * below the limit if the source cannot tell.
   */
  List<DiskExtent> changedSince(int diskKey, ReadCheckpoint earlier, long limit)
      throws SourceException {
    if (earlier.changeId() == null) {
      LOG.warning(
          () -> "Disk " + diskKey + " has no change id from the earlier snapshot; rereading it");
      return Extents.whole(limit);
    }
    return Extents.clip(areas(diskKey, limit, earlier.changeId()), 0, limit);
  }

  private List<DiskExtent> areas(int diskKey, long capacity, String since) throws SourceException {
    ChangedAreas areas = session.changedAreas(snapshot, diskKey, since);
    if (areas.available()) {
      return Extents.clip(areas.extents(), 0, capacity);
    }
    LOG.warning(
        () ->
            "Disk "
                + diskKey
                + " of VM "
                + snapshot.vmId()
                + ": changed areas unavailable ("
                + areas.fallbackReason()
                + "); reading the whole disk");
    return Extents.whole(capacity);
  }
}
