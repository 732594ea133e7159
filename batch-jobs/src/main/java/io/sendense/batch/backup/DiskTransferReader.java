package io.sendense.batch.backup;

import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.DiskTransfer;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SourceException;
import java.time.Duration;
import java.util.List;

/**
 * Reads one disk of the snapshot block by block for the transfer step (ahead of the step, see
 * {@link ReadAhead}), and records in the catalog how far the image is committed: after each chunk
 * the writer put into the image ({@link #chunkWritten}), and when the ranges are exhausted. That
 * record is the checkpoint a restart or a resume after a crash continues from, whatever batch
 * runtime runs the job, and tells finalize which snapshot the image matches. Only items the step
 * took count: what was read ahead and not taken is read again after a failure.
 */
final class DiskTransferReader implements AutoCloseable {
  private final BackupRun run;
  private final CatalogPort catalog;
  private final int diskKey;
  private final int blockSize;
  private long backupId;
  private Snapshot snapshot;
  private String changeId;
  private TransferPlan plan;
  private ReadAhead items;
  private boolean resumed;
  private long position;
  private long bytesRead;
  private long nanosBefore;
  private long openedAt;
  private boolean pending;
  private boolean exhausted;

  DiskTransferReader(BackupRun run, CatalogPort catalog, int diskKey, int blockSize) {
    this.run = run;
    this.catalog = catalog;
    this.diskKey = diskKey;
    this.blockSize = blockSize;
  }

  /** Plans the transfer, continuing from what an earlier execution committed, if anything. */
  void open() throws SourceException, java.io.IOException {
    run.progress().mark("disk " + diskKey + " partition started");
    BackupRecord backup = run.backup(catalog);
    backupId = backup.backupId();
    PlannedDisk disk = backup.disk(diskKey);
    snapshot = run.snapshot();
    changeId = snapshot.disk(diskKey).changeId();
    DiskTransfer from = catalog.transferOf(backupId, diskKey).orElse(null);
    resumed = from != null;
    run.progress().mark("disk " + diskKey + " transfer state read");
    if (resumed && new DiskImage(run.store(), disk).committed()) {
      // Finalize committed this image before the earlier execution failed: it stays as it is.
      plan = new TransferPlan(List.of(), List.of(), false, from.tracking());
      exhausted = true;
      return;
    }
    plan = new TransferRanges(run.session(), snapshot).plan(disk, from);
    run.progress().mark("disk " + diskKey + " ranges planned");
    position = resumed ? from.committedOffset() : 0;
    bytesRead = resumed ? from.bytesRead() : 0;
    nanosBefore = resumed ? from.duration().toNanos() : 0;
    openedAt = System.nanoTime();
    run.progress().diskTotal(diskKey, plan.readBytes());
    DiskReader reader = run.session().openDiskReader(snapshot, diskKey);
    run.progress().mark("disk " + diskKey + " reader opened");
    BlockPacker packer = new BlockPacker(plan.read(), plan.zero(), blockSize);
    items = new ReadAhead(reader, packer, plan.compare(), blockSize, diskKey);
  }

  /** Whether an earlier execution committed part of this disk (its partial image is resumed). */
  boolean resumed() {
    return resumed;
  }

  /** Whether the image was committed by an earlier execution and is left alone. */
  boolean skipped() {
    return exhausted && items == null;
  }

  /** The next item, or null when the disk is done. */
  Block next() throws SourceException {
    if (exhausted) {
      return null;
    }
    Block block = items.next();
    if (block == null) {
      exhausted = true;
      if (!pending) {
        record(true);
      }
      return null;
    }
    if (bytesRead == 0) {
      run.progress().mark("disk " + diskKey + " first bytes read");
    }
    bytesRead += block.bytes();
    position = block.end();
    pending = true;
    return block;
  }

  /**
   * The writer put every item taken so far into the image and checkpointed it: records the
   * position, and the end of the disk if the ranges are exhausted.
   */
  void chunkWritten() {
    pending = false;
    record(exhausted);
  }

  private void record(boolean done) {
    catalog.transferCommitted(
        backupId,
        new DiskTransfer(
            diskKey,
            position,
            done,
            snapshot.id(),
            changeId,
            bytesRead,
            Duration.ofNanos(nanosBefore + (System.nanoTime() - openedAt)),
            plan.tracking()));
  }

  @Override
  public void close() throws SourceException {
    if (items != null) {
      items.close();
    }
  }
}
