package io.sendense.plugins.vmware;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.VirtualMachineConfigInfo;
import com.vmware.vim25.VirtualMachineSnapshotInfo;
import com.vmware.vim25.VirtualMachineSnapshotTree;
import com.vmware.vim25.mo.VirtualMachine;
import com.vmware.vim25.mo.VirtualMachineSnapshot;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SnapshotCleanup;
import io.sendense.plugin.api.source.SnapshotInfo;
import io.sendense.plugin.api.source.SnapshotNames;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.VmConfiguration;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates, lists and removes VM snapshots, and clears out stale backup snapshots: only names with
 * the {@code sbak-} prefix, at any depth of the snapshot tree, never user or {@code srep-} ones.
 */
final class SnapshotManager {

  static final int REMOVE_ATTEMPTS = 3;
  private static final System.Logger LOG = System.getLogger(SnapshotManager.class.getName());

  private final VmwareConnection connection;

  SnapshotManager(VmwareConnection connection) {
    this.connection = connection;
  }

  VirtualMachine vm(String vmId) {
    return connection.managedObject("VirtualMachine", vmId, VirtualMachine.class);
  }

  List<SnapshotInfo> list(String vmId) throws SourceException {
    try {
      VirtualMachineSnapshotInfo info = vm(vmId).getSnapshot();
      List<SnapshotInfo> out = new ArrayList<>();
      if (info != null) {
        flatten(info.getRootSnapshotList(), null, out);
      }
      return out;
    } catch (RuntimeException e) {
      throw Faults.map("Listing snapshots of VM " + vmId, e, connection.trust());
    }
  }

  private static void flatten(
      VirtualMachineSnapshotTree[] trees, String parent, List<SnapshotInfo> out) {
    if (trees == null) {
      return;
    }
    for (VirtualMachineSnapshotTree tree : trees) {
      String id = tree.getSnapshot().getVal();
      out.add(
          new SnapshotInfo(
              id,
              tree.getName(),
              tree.getCreateTime() == null ? null : tree.getCreateTime().toInstant(),
              tree.isQuiesced(),
              parent));
      flatten(tree.getChildSnapshotList(), id, out);
    }
  }

  Snapshot create(String vmId, String name, boolean quiesce) throws SourceException {
    String action = "Creating snapshot " + name + " of VM " + vmId;
    try {
      Object result =
          Tasks.await(
              vm(vmId).createSnapshot_Task(name, "Sendense backup", false, quiesce),
              action,
              connection.trust());
      ManagedObjectReference ref = (ManagedObjectReference) result;
      VirtualMachineSnapshot snapshot =
          connection.managedObject(
              "VirtualMachineSnapshot", ref.getVal(), VirtualMachineSnapshot.class);
      VirtualMachineConfigInfo config = snapshot.getConfig();
      boolean cbt = Boolean.TRUE.equals(config.getChangeTrackingEnabled());
      return new Snapshot(
          vmId,
          ref.getVal(),
          name,
          DiskMapper.snapshotDisks(config.getHardware().getDevice(), cbt),
          configuration(vm(vmId), config));
    } catch (SourceException e) {
      throw e;
    } catch (Exception e) {
      throw Faults.map(action, e, connection.trust());
    }
  }

  /**
   * The VM's configuration as frozen in the snapshot, placed where the VM lives now; null (and
   * logged) if it cannot be read, because the backup itself does not depend on it.
   */
  private static VmConfiguration configuration(VirtualMachine vm, VirtualMachineConfigInfo config) {
    try {
      return VmConfigReader.read(
          config,
          VmLocation.of(vm, config.getFiles() == null ? null : config.getFiles().getVmPathName()),
          VmLocation.portgroupNames(vm));
    } catch (RemoteException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "The configuration of VM " + vm.getMOR().getVal() + " could not be recorded",
          e);
      return null;
    }
  }

  void remove(String vmId, String snapshotId) throws SourceException {
    String action = "Removing snapshot " + snapshotId + " of VM " + vmId;
    try {
      VirtualMachineSnapshot snapshot =
          connection.managedObject(
              "VirtualMachineSnapshot", snapshotId, VirtualMachineSnapshot.class);
      Tasks.await(snapshot.removeSnapshot_Task(false, true), action, connection.trust());
    } catch (SourceException e) {
      throw e;
    } catch (Exception e) {
      throw Faults.map(action, e, connection.trust());
    }
  }

  SnapshotCleanup removeStale(String vmId, String keepName) throws SourceException {
    List<String> removed = new ArrayList<>();
    List<String> leftovers = new ArrayList<>();
    for (SnapshotInfo s : list(vmId)) {
      if (!SnapshotNames.isBackupSnapshot(s.name()) || s.name().equals(keepName)) {
        continue;
      }
      SourceException last = removeWithRetries(vmId, s.id());
      if (last == null) {
        removed.add(s.name());
      } else {
        leftovers.add(
            "Snapshot "
                + s.name()
                + " ("
                + s.id()
                + ") of VM "
                + vmId
                + " is still there after "
                + REMOVE_ATTEMPTS
                + " attempts: "
                + last.getMessage());
      }
    }
    return new SnapshotCleanup(removed, leftovers);
  }

  /** Tries to remove a snapshot a few times; returns the last failure, or null once removed. */
  private SourceException removeWithRetries(String vmId, String snapshotId) {
    SourceException last = null;
    for (int attempt = 1; attempt <= REMOVE_ATTEMPTS; attempt++) {
      try {
        remove(vmId, snapshotId);
        return null;
      } catch (SourceException e) {
        if (e.problem() == SourceProblem.NOT_FOUND) {
          return null; // removed meanwhile, by another job or the administrator
        }
        last = e;
        backOff(attempt);
      }
    }
    return last;
  }

  /** Waits before the next attempt, as a busy host (consolidation, another task) needs time. */
  private static void backOff(int attempt) {
    try {
      Thread.sleep(500L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
