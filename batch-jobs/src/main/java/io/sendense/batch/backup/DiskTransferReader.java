package io.sendense.batch.backup;

import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.DiskTransfer;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SourceException;
import java.time.Duration;
import java.util.List;

/**
 * Reads one disk of the snapshot block by block for the transfer step, and says how far it got.
 * When the ranges are exhausted it records in the catalog which snapshot the disk's image now
 * matches, so the finalize step can tell whether a disk finished in an earlier execution needs to
 * catch up with this execution's snapshot.
 */
final class DiskTransferReader implements AutoCloseable {
  private final BackupRun run;
  private final CatalogPort catalog;
  private final int diskKey;
  private final int blockSize;
  private Snapshot snapshot;
  private String changeId;
  private ReadAhead items;
  private long position;
  private long bytesRead;
  private long nanosBefore;
  private long openedAt;
  private boolean recorded;

  DiskTransferReader(BackupRun run, CatalogPort catalog, int diskKey, int blockSize) {
    this.run = run;
    this.catalog = catalog;
    this.diskKey = diskKey;
    this.blockSize = blockSize;
  }

  void open(ReadCheckpoint from) throws SourceException {
    PlannedDisk disk = run.backup(catalog).disk(diskKey);
    snapshot = run.snapshot();
    changeId = snapshot.disk(diskKey).changeId();
    String since = disk.parent() == null ? null : disk.parent().changeId();
    List<DiskExtent> ranges =
        new TransferRanges(run.session(), snapshot)
            .plan(diskKey, disk.capacityBytes(), since, from);
    run.progress().mark("disk " + diskKey + " ranges planned");
    position = from == null ? 0 : from.position();
    bytesRead = from == null ? 0 : from.bytesRead();
    nanosBefore = from == null ? 0 : from.nanos();
    openedAt = System.nanoTime();
    run.progress().diskTotal(diskKey, Extents.bytes(ranges));
    DiskReader reader = run.session().openDiskReader(snapshot, diskKey);
    items = new ReadAhead(reader, new BlockPacker(ranges, blockSize), blockSize, diskKey);
  }

  /** The next item, or null when the disk is done. */
  Block next() throws SourceException {
    Block block = items.next();
    if (block == null) {
      recordEnd();
      return null;
    }
    if (bytesRead == 0) {
      run.progress().mark("disk " + diskKey + " first bytes read");
    }
    bytesRead += block.bytes();
    position = block.end();
    return block;
  }

  ReadCheckpoint checkpoint() {
    return new ReadCheckpoint(position, snapshot.id(), changeId, bytesRead, nanos());
  }

  private void recordEnd() {
    if (!recorded) {
      BackupRecord backup = run.backup(catalog);
      catalog.diskTransferred(
          backup.backupId(),
          new DiskTransfer(diskKey, snapshot.id(), changeId, bytesRead, Duration.ofNanos(nanos())));
      recorded = true;
    }
  }

  private long nanos() {
    return nanosBefore + (System.nanoTime() - openedAt);
  }

  @Override
  public void close() throws SourceException {
    if (items != null) {
      items.close();
    }
  }
}
