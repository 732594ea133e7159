package io.sendense.batch.backup;

import io.sendense.batch.port.ChangeTracking;
import io.sendense.batch.port.DiskTracking;
import io.sendense.batch.port.DiskTransfer;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.plugin.api.source.ChangedAreas;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceSession;
import java.util.List;
import java.util.logging.Logger;

/**
 * Decides what a transfer reads of a disk. A full reads the allocated areas (or the whole disk when
 * the source cannot tell). An incremental reads the changed areas since the parent's change id;
 * when the source cannot give them (tracking off or reset, not supported, no change id on the
 * parent) it compares content: it reads the allocated areas (else the whole disk), makes the
 * unallocated ones zero, and stores only clusters that differ from the parent chain.
 *
 * <p>A restart or resume runs on a new snapshot (the old one was removed when the job failed), so
 * it reads the ranges above the committed offset as usual, plus whatever changed below it between
 * the old snapshot and the new one: the image then matches the new snapshot as a whole without
 * re-reading what was committed. Without a change id from the old snapshot, the part below the
 * committed offset is read again and compared with what the image holds.
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
   * What to transfer of a disk in this execution.
   *
   * @param from the state an earlier execution committed, or null for a first run
   */
  TransferPlan plan(PlannedDisk disk, DiskTransfer from) throws SourceException {
    TransferPlan base = base(disk);
    if (from == null) {
      return base;
    }
    TransferPlan ahead = base.clip(from.committedOffset(), disk.capacityBytes());
    if (from.tracking().mode() == ChangeTracking.CONTENT_COMPARE) {
      ahead = new TransferPlan(ahead.read(), ahead.zero(), ahead.compare(), from.tracking());
    }
    if (from.snapshotId().equals(snapshot.id())) {
      return ahead;
    }
    return ahead.with(changedSince(disk, from, from.committedOffset()));
  }

  /**
   * What changed on a disk since an earlier snapshot, below {@code limit}: exact if the source can
   * tell from the earlier change id, else everything below the limit, compared with the image.
   */
  TransferPlan changedSince(PlannedDisk disk, DiskTransfer earlier, long limit)
      throws SourceException {
    DiskTracking tracking = earlier.tracking();
    if (earlier.changeId() != null) {
      ChangedAreas areas = session.changedAreas(snapshot, disk.diskKey(), earlier.changeId());
      if (areas.available()) {
        return new TransferPlan(
            Extents.clip(areas.extents(), 0, limit), List.of(), false, tracking);
      }
    }
    LOG.warning(
        () ->
            "Disk "
                + disk.label()
                + " of VM "
                + snapshot.vmId()
                + ": what changed since the earlier snapshot is unknown; rereading "
                + limit
                + " bytes and storing what differs");
    TransferPlan content = content(disk, tracking);
    return new TransferPlan(
        Extents.clip(content.read(), 0, limit),
        Extents.clip(content.zero(), 0, limit),
        true,
        tracking);
  }

  private TransferPlan base(PlannedDisk disk) throws SourceException {
    int key = disk.diskKey();
    long capacity = disk.capacityBytes();
    if (!disk.incremental()) {
      String reason = disk.fullReason() == null ? "full image" : disk.fullReason();
      ChangedAreas allocated = session.changedAreas(snapshot, key, ALL);
      List<DiskExtent> read =
          allocated.available()
              ? Extents.clip(allocated.extents(), 0, capacity)
              : Extents.whole(capacity);
      return new TransferPlan(read, List.of(), false, DiskTracking.full(reason));
    }
    String since = disk.parent().changeId();
    if (since == null) {
      String why =
          snapshot.disk(key).changeId() == null
              ? "changed block tracking is off for the disk"
              : "the parent point has no change id";
      return content(disk, compare("changed areas unavailable: " + why));
    }
    ChangedAreas changed = session.changedAreas(snapshot, key, since);
    if (changed.available()) {
      return new TransferPlan(
          Extents.clip(changed.extents(), 0, capacity), List.of(), false, DiskTracking.cbt());
    }
    LOG.warning(
        () ->
            "Disk "
                + disk.label()
                + " of VM "
                + snapshot.vmId()
                + ": changed areas unavailable ("
                + changed.fallbackReason()
                + "); comparing content with the parent");
    return content(disk, compare("changed areas unavailable: " + changed.fallbackReason()));
  }

  private static DiskTracking compare(String why) {
    return DiskTracking.contentCompare(why + "; content compare");
  }

  /** Reads the allocated areas (else the whole disk) and zeroes the rest, comparing content. */
  private TransferPlan content(PlannedDisk disk, DiskTracking tracking) throws SourceException {
    long capacity = disk.capacityBytes();
    ChangedAreas allocated = session.changedAreas(snapshot, disk.diskKey(), ALL);
    if (!allocated.available()) {
      return new TransferPlan(Extents.whole(capacity), List.of(), true, tracking);
    }
    List<DiskExtent> read = Extents.clip(allocated.extents(), 0, capacity);
    return new TransferPlan(read, Extents.complement(read, capacity), true, tracking);
  }
}
