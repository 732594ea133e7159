package io.sendense.plugins.vmware;

import com.vmware.vim25.mo.ClusterComputeResource;
import com.vmware.vim25.mo.ComputeResource;
import com.vmware.vim25.mo.Datacenter;
import com.vmware.vim25.mo.DistributedVirtualPortgroup;
import com.vmware.vim25.mo.HostSystem;
import com.vmware.vim25.mo.ManagedEntity;
import com.vmware.vim25.mo.Network;
import com.vmware.vim25.mo.ResourcePool;
import com.vmware.vim25.mo.VirtualMachine;
import io.sendense.plugin.api.source.VmPlacement;
import java.rmi.RemoteException;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.Map;

/**
 * Where a live VM is, by the names an administrator sees: datacenter, VM folder, cluster or host,
 * resource pool, datastore. Recorded with each snapshot as the default target of a restore.
 */
final class VmLocation {

  /** The name vSphere gives every root resource pool; recorded as "" (the root). */
  static final String ROOT_POOL = "Resources";

  private VmLocation() {}

  static VmPlacement of(VirtualMachine vm, String vmPathName) throws RemoteException {
    Datacenter dc = datacenterOf(vm);
    String cluster = "";
    String host = "";
    String pool = "";
    ResourcePool rp = vm.getResourcePool();
    if (rp != null) {
      pool = rp.getParent() instanceof ResourcePool ? rp.getName() : "";
      ComputeResource owner = rp.getOwner();
      if (owner instanceof ClusterComputeResource) {
        cluster = owner.getName();
      }
    }
    if (cluster.isEmpty() && vm.getRuntime() != null && vm.getRuntime().getHost() != null) {
      host = new HostSystem(vm.getServerConnection(), vm.getRuntime().getHost()).getName();
    }
    String datastore =
        vmPathName != null && vmPathName.startsWith("[")
            ? DatastorePath.parse(vmPathName).datastore()
            : "";
    return new VmPlacement(
        dc == null ? "" : dc.getName(), folderPath(vm, dc), cluster, host, pool, datastore);
  }

  static Datacenter datacenterOf(ManagedEntity entity) {
    ManagedEntity e = entity.getParent();
    while (e != null && !(e instanceof Datacenter)) {
      e = e.getParent();
    }
    return (Datacenter) e;
  }

  /** Folders between the datacenter's root VM folder and the VM, "/"-separated. */
  private static String folderPath(VirtualMachine vm, Datacenter dc) throws RemoteException {
    if (dc == null) {
      return "";
    }
    String root = dc.getVmFolder().getMOR().getVal();
    LinkedList<String> names = new LinkedList<>();
    for (ManagedEntity e = vm.getParent();
        e != null && !(e instanceof Datacenter) && !e.getMOR().getVal().equals(root);
        e = e.getParent()) {
      names.addFirst(e.getName());
    }
    return String.join("/", names);
  }

  /** Distributed port group key to name, for the networks the VM uses. */
  static Map<String, String> portgroupNames(VirtualMachine vm) throws RemoteException {
    Map<String, String> names = new HashMap<>();
    Network[] networks = vm.getNetworks();
    if (networks != null) {
      for (Network n : networks) {
        if (n instanceof DistributedVirtualPortgroup pg) {
          names.put(pg.getKey(), pg.getName());
        }
      }
    }
    return names;
  }
}
