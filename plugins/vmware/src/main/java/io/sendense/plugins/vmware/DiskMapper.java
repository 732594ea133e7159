package io.sendense.plugins.vmware;

import com.vmware.vim25.Description;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceBackingInfo;
import com.vmware.vim25.VirtualDeviceFileBackingInfo;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualDiskFlatVer2BackingInfo;
import io.sendense.plugin.api.source.DiskInfo;
import io.sendense.plugin.api.source.SnapshotDisk;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a VM's (or a snapshot's) device list to the plugin API's disk types. Used for the live VM in
 * the inventory and for the frozen configuration of a snapshot, whose backing files and change ids
 * are the ones a backup must use.
 */
final class DiskMapper {

  private DiskMapper() {}

  /** The disks among the devices, in device order. */
  static List<DiskInfo> disks(VirtualDevice[] devices, boolean changeTracking) {
    List<DiskInfo> disks = new ArrayList<>();
    for (VirtualDisk disk : virtualDisks(devices)) {
      disks.add(disk(disk, changeTracking));
    }
    return disks;
  }

  /** The disks with the change id each had in the snapshot's configuration. */
  static List<SnapshotDisk> snapshotDisks(VirtualDevice[] devices, boolean changeTracking) {
    List<SnapshotDisk> disks = new ArrayList<>();
    for (VirtualDisk disk : virtualDisks(devices)) {
      String changeId = null;
      if (disk.getBacking() instanceof VirtualDiskFlatVer2BackingInfo flat) {
        changeId =
            flat.getChangeId() == null || flat.getChangeId().isBlank() ? null : flat.getChangeId();
      }
      disks.add(new SnapshotDisk(disk(disk, changeTracking), changeId));
    }
    return disks;
  }

  private static List<VirtualDisk> virtualDisks(VirtualDevice[] devices) {
    List<VirtualDisk> disks = new ArrayList<>();
    if (devices != null) {
      for (VirtualDevice device : devices) {
        if (device instanceof VirtualDisk disk) {
          disks.add(disk);
        }
      }
    }
    return disks;
  }

  private static DiskInfo disk(VirtualDisk disk, boolean changeTracking) {
    VirtualDeviceBackingInfo backing = disk.getBacking();
    String file = backing instanceof VirtualDeviceFileBackingInfo f ? f.getFileName() : "";
    boolean thin =
        backing instanceof VirtualDiskFlatVer2BackingInfo flat
            && Boolean.TRUE.equals(flat.getThinProvisioned());
    String datastore = file.startsWith("[") ? DatastorePath.parse(file).datastore() : "";
    return new DiskInfo(
        disk.getKey(), label(disk), capacity(disk), datastore, file, thin, changeTracking);
  }

  private static String label(VirtualDisk disk) {
    Description info = disk.getDeviceInfo();
    return info == null || info.getLabel() == null ? "Disk " + disk.getKey() : info.getLabel();
  }

  private static long capacity(VirtualDisk disk) {
    Long bytes = disk.getCapacityInBytes();
    return bytes != null && bytes > 0 ? bytes : disk.getCapacityInKB() * 1024L;
  }
}
