package io.sendense.batch.restore.port;

import io.sendense.plugin.api.source.RestoredVm;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmPlacement;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A VM restore as the catalog holds it: what to restore where, and what earlier executions made of
 * it (the new VM, which disks are written), so that an interrupted restore goes on.
 *
 * @param restoreId the catalog's id
 * @param backupId the restore point
 * @param sourceId the source to restore into
 * @param targetName the name the VM ends up with
 * @param placement where to create it (empty fields: as recorded with the point)
 * @param networkMap recorded network to target network
 * @param diskProvisioning provisioning for all disks, or null to keep each disk's
 * @param powerOn whether to power the VM on at the end
 * @param replaceVmId the original VM to replace (it must be powered off), or null for a new VM
 * @param originalRemoved whether the original was deleted already (then the new VM is kept whatever
 *     happens)
 * @param disks the disks to write, in the point's order
 * @param createdVm the VM an earlier execution created, or null
 */
public record RestoreRequest(
    long restoreId,
    long backupId,
    long sourceId,
    String targetName,
    VmPlacement placement,
    Map<String, String> networkMap,
    VmConfiguration.Provisioning diskProvisioning,
    boolean powerOn,
    String replaceVmId,
    boolean originalRemoved,
    List<Disk> disks,
    RestoredVm createdVm) {

  /**
   * One disk of the point.
   *
   * @param key the disk's key (as recorded in the configuration and the point)
   * @param index its position in the point
   * @param label display label
   * @param capacityBytes its size
   * @param uploaded whether all its data is in the new VM already
   */
  public record Disk(int key, int index, String label, long capacityBytes, boolean uploaded) {}

  public RestoreRequest {
    Objects.requireNonNull(targetName, "targetName");
    Objects.requireNonNull(placement, "placement");
    networkMap = Map.copyOf(networkMap);
    disks = List.copyOf(disks);
  }

  /** The tag the new VM carries, to find it again if its id was never recorded. */
  public String restoreTag() {
    return "sendense-restore-" + restoreId;
  }

  /** Bytes of all disks. */
  public long totalBytes() {
    return disks.stream().mapToLong(Disk::capacityBytes).sum();
  }
}
