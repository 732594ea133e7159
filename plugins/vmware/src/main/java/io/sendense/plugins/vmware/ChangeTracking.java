package io.sendense.plugins.vmware;

import com.vmware.vim25.DiskChangeExtent;
import com.vmware.vim25.DiskChangeInfo;
import com.vmware.vim25.FileFault;
import com.vmware.vim25.InvalidArgument;
import com.vmware.vim25.MethodNotFound;
import com.vmware.vim25.NotImplemented;
import com.vmware.vim25.NotSupported;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.mo.VirtualMachine;
import com.vmware.vim25.mo.VirtualMachineSnapshot;
import io.sendense.plugin.api.source.ChangedAreas;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SnapshotDisk;
import io.sendense.plugin.api.source.SnapshotNames;
import io.sendense.plugin.api.source.SourceException;
import java.util.ArrayList;
import java.util.List;

/**
 * Changed Block Tracking: turning it on (reconfigure, then a snapshot cycle so that it takes effect
 * on a running VM) and asking which areas of a disk to read, with a reason to fall back to reading
 * the whole disk when the server cannot say.
 */
final class ChangeTracking {

  /**
   * Name of the snapshot that makes a CBT change take effect; a backup name, so cleanup finds it.
   */
  static final String ACTIVATION_SNAPSHOT = SnapshotNames.BACKUP_PREFIX + "cbt-activation";

  private final VmwareConnection connection;
  private final SnapshotManager snapshots;

  ChangeTracking(VmwareConnection connection, SnapshotManager snapshots) {
    this.connection = connection;
    this.snapshots = snapshots;
  }

  boolean enable(String vmId) throws SourceException {
    String action = "Enabling Changed Block Tracking on VM " + vmId;
    VirtualMachine vm = snapshots.vm(vmId);
    try {
      if (Boolean.TRUE.equals(vm.getConfig().getChangeTrackingEnabled())) {
        return false;
      }
      VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
      spec.setChangeTrackingEnabled(true);
      Tasks.await(vm.reconfigVM_Task(spec), action, connection.trust());
    } catch (SourceException e) {
      throw e;
    } catch (Exception e) {
      throw Faults.map(action, e, connection.trust());
    }
    Snapshot cycle = snapshots.create(vmId, ACTIVATION_SNAPSHOT, false);
    snapshots.remove(vmId, cycle.id());
    return true;
  }

  ChangedAreas changedAreas(Snapshot snapshot, int diskKey, String since) throws SourceException {
    SnapshotDisk disk = snapshot.disk(diskKey);
    String label = disk.disk().label() + " of VM " + snapshot.vmId();
    if (disk.changeId() == null) {
      return ChangedAreas.unavailable(
          "Changed Block Tracking was off for "
              + label
              + " when snapshot "
              + snapshot.name()
              + " was taken");
    }
    try {
      return ChangedAreas.of(query(snapshot, disk, since));
    } catch (MethodNotFound | NotSupported | NotImplemented e) {
      return ChangedAreas.unavailable(
          "The server does not support QueryChangedDiskAreas (" + Faults.describe(e) + ")");
    } catch (FileFault | InvalidArgument e) {
      return ChangedAreas.unavailable(
          "The server cannot report changes of "
              + label
              + " since change id '"
              + since
              + "': CBT was reset or turned off since then ("
              + Faults.describe(e)
              + ")");
    } catch (Exception e) {
      throw Faults.map("Querying changed areas of " + label, e, connection.trust());
    }
  }

  /**
   * Loops over the whole disk, each answer covering only part of it, with several queries in flight
   * ({@link AreaQueries}).
   */
  private List<DiskExtent> query(Snapshot snapshot, SnapshotDisk disk, String since)
      throws Exception {
    VirtualMachine vm = snapshots.vm(snapshot.vmId());
    VirtualMachineSnapshot snap =
        connection.managedObject(
            "VirtualMachineSnapshot", snapshot.id(), VirtualMachineSnapshot.class);
    int key = disk.disk().key();
    return AreaQueries.walk(
        offset -> {
          DiskChangeInfo info = vm.queryChangedDiskAreas(snap, key, offset, since);
          List<DiskExtent> areas = new ArrayList<>();
          if (info.getChangedArea() != null) {
            for (DiskChangeExtent area : info.getChangedArea()) {
              if (area.getStart() >= 0 && area.getLength() > 0) {
                areas.add(new DiskExtent(area.getStart(), area.getLength()));
              }
            }
          }
          return new AreaQueries.Answer(info.getStartOffset(), info.getLength(), areas);
        },
        disk.disk().capacityBytes());
  }

  /** Appends an extent, merging it with the previous one when they touch. */
  static void add(List<DiskExtent> extents, long start, long length) {
    if (length <= 0) {
      return;
    }
    if (!extents.isEmpty()) {
      DiskExtent last = extents.get(extents.size() - 1);
      if (last.end() >= start) {
        long end = Math.max(last.end(), start + length);
        extents.set(extents.size() - 1, new DiskExtent(last.offset(), end - last.offset()));
        return;
      }
    }
    extents.add(new DiskExtent(start, length));
  }
}
