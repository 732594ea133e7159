package io.sendense.batch.backup;

import io.sendense.batch.port.BackupType;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.DiskRecord;
import io.sendense.batch.port.NewBackup;
import io.sendense.batch.port.ParentPoint;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.batch.port.VmRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Plans a backup: for each disk of the VM, an incremental on the latest complete point in the
 * repository, or a full (with the reason) when a full was asked for, there is no such point or its
 * image is gone; and the file name of the new image. File names hold the VM, the start time and the
 * job instance, so two runtimes (hub and node) whose job ids overlap still never collide.
 */
final class BackupPlanner {
  private static final Logger LOG = Logger.getLogger(BackupPlanner.class.getName());
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final CatalogPort catalog;
  private final Predicate<ParentPoint> parentPresent;

  /**
   * @param parentPresent whether a parent's image file is still in the repository; a parent whose
   *     file is gone (deleted by hand or by a bug) gives a full instead of a job that always fails
   */
  BackupPlanner(CatalogPort catalog, Predicate<ParentPoint> parentPresent) {
    this.catalog = catalog;
    this.parentPresent = parentPresent;
  }

  NewBackup plan(
      String vmId,
      String repositoryId,
      BackupType type,
      long instanceId,
      long executionId,
      Instant started) {
    VmRecord vm = catalog.vm(vmId);
    if (vm.disks().isEmpty()) {
      throw new IllegalStateException(
          "VM " + vm.name() + " (" + vmId + ") has no disks to back up");
    }
    List<PlannedDisk> disks = new ArrayList<>();
    for (DiskRecord d : vm.disks()) {
      String file =
          folderOf(vmId) + "/" + STAMP.format(started) + "-j" + instanceId + "-disk" + d.key();
      disks.add(disk(vmId, d, repositoryId, type, file + ".qcow2"));
    }
    return new NewBackup(instanceId, executionId, vmId, repositoryId, type, started, disks);
  }

  /**
   * An incremental on the latest complete point of the disk in the repository (with or without a
   * change id: without one the transfer compares content), else a full with the reason.
   */
  private PlannedDisk disk(
      String vmId, DiskRecord d, String repositoryId, BackupType type, String file) {
    if (type == BackupType.FULL) {
      return PlannedDisk.full(
          d.key(), d.label(), d.capacityBytes(), file, "a full backup was requested");
    }
    ParentPoint p = catalog.latestCompletePoint(vmId, d.key(), repositoryId).orElse(null);
    if (p == null) {
      return PlannedDisk.full(
          d.key(),
          d.label(),
          d.capacityBytes(),
          file,
          "no complete backup of this disk in the repository yet");
    }
    if (!parentPresent.test(p)) {
      LOG.warning(
          () -> "Parent image " + p.fileName() + " of " + d.label() + " is gone; taking a full");
      return PlannedDisk.full(
          d.key(),
          d.label(),
          d.capacityBytes(),
          file,
          "the parent image " + p.fileName() + " is missing from the repository");
    }
    return PlannedDisk.incremental(d.key(), d.label(), d.capacityBytes(), file, p);
  }

  /** The folder of a VM's images in a repository: the VM id with unsafe characters replaced. */
  static String folderOf(String vmId) {
    return "vm-" + vmId.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
