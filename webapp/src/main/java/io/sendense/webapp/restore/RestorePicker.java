package io.sendense.webapp.restore;

import io.sendense.webapp.backup.BackupDiskDto;
import io.sendense.webapp.backup.BackupDto;
import io.sendense.webapp.backup.RestorePoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the Restore page offers to pick: VMs with complete restore points, their points, disks. */
@ApplicationScoped
public class RestorePicker {
  static final int MAX_POINTS = 5000;

  @Inject RestorePoints points;

  /** A VM that has at least one COMPLETE restore point. */
  public record VmChoice(long vmId, String vmName, int points, Instant latest)
      implements java.io.Serializable {}

  public List<VmChoice> vms() {
    Map<Long, VmChoice> vms = new LinkedHashMap<>();
    for (BackupDto b : points.list(null, "COMPLETE", null, MAX_POINTS)) {
      vms.merge(
          b.vmId(),
          new VmChoice(b.vmId(), b.vmName(), 1, b.startedAt()),
          (a, c) ->
              new VmChoice(
                  a.vmId(),
                  a.vmName(),
                  a.points() + 1,
                  a.latest().isAfter(c.latest()) ? a.latest() : c.latest()));
    }
    return vms.values().stream()
        .sorted(Comparator.comparing(VmChoice::vmName, String.CASE_INSENSITIVE_ORDER))
        .toList();
  }

  /** The COMPLETE points of one VM, newest first. */
  public List<BackupDto> pointsOf(VmChoice vm) {
    return points.list(vm.vmName(), "COMPLETE", null, MAX_POINTS).stream()
        .filter(b -> b.vmId() == vm.vmId())
        .toList();
  }

  public List<BackupDiskDto> disksOf(long backupId) {
    return points.get(backupId).disks();
  }
}
