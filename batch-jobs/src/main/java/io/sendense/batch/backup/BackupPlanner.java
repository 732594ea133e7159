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

/**
 * Plans a backup: for each disk of the VM, a full image unless a full was asked for or the catalog
 * has a complete parent with a known change id, and the file name of the new image. File names hold
 * the VM, the start time and the job instance, so two runtimes (hub and node) whose job ids overlap
 * still never collide.
 */
final class BackupPlanner {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final CatalogPort catalog;

  BackupPlanner(CatalogPort catalog) {
    this.catalog = catalog;
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
      ParentPoint parent =
          type == BackupType.FULL
              ? null
              : catalog.latestCompletePoint(vmId, d.key(), repositoryId).orElse(null);
      String file =
          folderOf(vmId) + "/" + STAMP.format(started) + "-j" + instanceId + "-disk" + d.key();
      disks.add(new PlannedDisk(d.key(), d.label(), d.capacityBytes(), file + ".qcow2", parent));
    }
    return new NewBackup(instanceId, executionId, vmId, repositoryId, type, started, disks);
  }

  /** The folder of a VM's images in a repository: the VM id with unsafe characters replaced. */
  static String folderOf(String vmId) {
    return "vm-" + vmId.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
