package io.sendense.webapp.restore;

import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.backup.RestorableVm;
import io.sendense.webapp.backup.BackupDiskDto;
import io.sendense.webapp.backup.BackupDto;
import io.sendense.webapp.backup.RestorePoints;
import io.sendense.webapp.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * What the Restore page offers to pick: VMs that have complete restore points (searched by name,
 * from the VMs, not from a window of recent points), the points of one VM, and a point's disks.
 */
@ApplicationScoped
public class RestorePicker {
  /** VMs shown for one search; the page says when more match. */
  static final int MAX_VMS = 50;

  @Inject BackupStore backups;
  @Inject RestorePoints points;

  /** A VM that has at least one COMPLETE restore point. */
  public record VmChoice(long vmId, String vmName, String sourceName, long points, Instant latest)
      implements java.io.Serializable {}

  /** VMs with complete points whose name contains {@code query}, by name (one more than shown). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<VmChoice> vms(String query) {
    return backups.restorableVms(query, MAX_VMS + 1).stream().map(RestorePicker::choice).toList();
  }

  /** VM {@code vmId} if it has a complete point (a link to the Restore page names it). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public java.util.Optional<VmChoice> vm(long vmId) {
    return backups.restorableVm(vmId).map(RestorePicker::choice);
  }

  /** The COMPLETE points of one VM, newest first (at most {@value Page#MAX_LIMIT}). */
  public List<BackupDto> pointsOf(long vmId) {
    return points.list(null, "COMPLETE", null, vmId, 0, Page.MAX_LIMIT).items();
  }

  public List<BackupDiskDto> disksOf(long backupId) {
    return points.get(backupId).disks();
  }

  private static VmChoice choice(RestorableVm vm) {
    return new VmChoice(vm.vmId(), vm.vmName(), vm.sourceName(), vm.points(), vm.latest());
  }
}
