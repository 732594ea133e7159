package io.sendense.batch.backup;

import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.DiskResult;
import io.sendense.batch.port.DiskTransfer;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.Snapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Commits one disk's image and says what to record for it, with the image's QCOW2 facts from its
 * header and tables ({@link #result} may run for several disks at once). The image's SHA-256 is not
 * computed here: the image is complete and durable once committed, and the host records its hash
 * right after the backup (in the hub, {@code PointHasher}), off the job's critical path. A disk
 * whose transfer finished in an earlier execution (before a failure and restart) holds that
 * execution's snapshot; it first reads what changed since then, so that all disks of the backup
 * match the same snapshot.
 */
final class DiskFinalizer {
  private static final Logger LOG = Logger.getLogger(DiskFinalizer.class.getName());

  private final BackupRun run;
  private final CatalogPort catalog;
  private final int blockSize;

  DiskFinalizer(BackupRun run, CatalogPort catalog, int blockSize) {
    this.run = run;
    this.catalog = catalog;
    this.blockSize = blockSize;
  }

  /** A disk whose image is committed: what {@link #result} needs. */
  record Committed(PlannedDisk disk, DiskTransfer transfer, DiskImage image) {}

  /**
   * Commits the disk's image (after catching it up with this execution's snapshot if it was
   * transferred from an earlier one); an image committed by an earlier execution stays as it is.
   */
  Committed commit(PlannedDisk disk) throws IOException {
    BackupRecord backup = run.backup(catalog);
    DiskTransfer transfer = transferOf(backup, disk);
    DiskImage image = new DiskImage(run.store(), disk);
    if (!image.committed()) {
      try (Qcow2Writer writer = image.open(true)) {
        transfer = catchUp(backup, disk, transfer, writer);
        writer.commit();
      }
    }
    return new Committed(disk, transfer, image);
  }

  /**
   * Reads a committed image's header and tables for its facts (no SHA-256: the host records it
   * after the backup); what to record for the disk.
   */
  DiskResult result(Committed committed) throws IOException {
    PlannedDisk disk = committed.disk();
    DiskTransfer transfer = committed.transfer();
    String parent = disk.parent() == null ? null : disk.parent().fileName();
    long started = System.nanoTime();
    ImageFacts facts = ImageFacts.structure(run.store(), committed.image().target());
    LOG.fine(
        () ->
            "Read the facts of "
                + disk.fileName()
                + " ("
                + facts.fileSize()
                + " bytes) in "
                + (System.nanoTime() - started) / 1_000_000
                + " ms");
    return new DiskResult(
        disk.diskKey(),
        transfer.changeId(),
        disk.fileName(),
        parent,
        transfer.bytesRead(),
        facts.fileSize(),
        transfer.duration(),
        transfer.tracking(),
        facts);
  }

  private DiskTransfer transferOf(BackupRecord backup, PlannedDisk disk) {
    return catalog
        .transferOf(backup.backupId(), disk.diskKey())
        .filter(DiskTransfer::done)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Disk "
                        + disk.label()
                        + " of backup "
                        + backup.backupId()
                        + " was not transferred completely"));
  }

  private DiskTransfer catchUp(
      BackupRecord backup, PlannedDisk disk, DiskTransfer earlier, Qcow2Writer writer)
      throws IOException {
    Snapshot snapshot = run.snapshot();
    if (earlier.snapshotId().equals(snapshot.id())) {
      return earlier;
    }
    long started = System.nanoTime();
    TransferPlan plan =
        new TransferRanges(run.session(), snapshot)
            .changedSince(disk, earlier, disk.capacityBytes());
    long read;
    try (DiskReader reader = run.session().openDiskReader(snapshot, disk.diskKey())) {
      read = BlockCopier.copy(reader, writer, plan, blockSize);
    }
    writer.checkpoint();
    LOG.info(() -> "Disk " + disk.label() + " caught up with snapshot " + snapshot.name());
    DiskTransfer now =
        new DiskTransfer(
            disk.diskKey(),
            earlier.committedOffset(),
            true,
            snapshot.id(),
            snapshot.disk(disk.diskKey()).changeId(),
            earlier.bytesRead() + read,
            earlier.duration().plus(Duration.ofNanos(System.nanoTime() - started)),
            earlier.tracking());
    catalog.transferCommitted(backup.backupId(), now);
    return now;
  }
}
