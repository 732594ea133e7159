package io.sendense.plugins.vmware;

import com.vmware.vim25.DistributedVirtualSwitchPortConnection;
import com.vmware.vim25.VirtualDeviceBackingInfo;
import com.vmware.vim25.VirtualEthernetCardDistributedVirtualPortBackingInfo;
import com.vmware.vim25.VirtualEthernetCardNetworkBackingInfo;
import com.vmware.vim25.mo.ClusterComputeResource;
import com.vmware.vim25.mo.ComputeResource;
import com.vmware.vim25.mo.Datacenter;
import com.vmware.vim25.mo.Datastore;
import com.vmware.vim25.mo.DistributedVirtualPortgroup;
import com.vmware.vim25.mo.DistributedVirtualSwitch;
import com.vmware.vim25.mo.Folder;
import com.vmware.vim25.mo.HostSystem;
import com.vmware.vim25.mo.InventoryNavigator;
import com.vmware.vim25.mo.ManagedEntity;
import com.vmware.vim25.mo.Network;
import com.vmware.vim25.mo.ResourcePool;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.mo.VirtualMachine;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.VmPlacement;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A restore target resolved from the names of a {@link VmPlacement}: the datacenter, VM folder,
 * resource pool (the root pool of the cluster or host unless one is named), host (when named) and
 * datastore. Every name that does not resolve is a {@link SourceProblem#NOT_FOUND} naming what
 * exists instead.
 */
record RestoreTarget(
    Datacenter datacenter,
    Folder folder,
    ResourcePool pool,
    HostSystem host,
    Datastore datastore,
    VmPlacement placement) {

  static RestoreTarget resolve(ServiceInstance si, VmPlacement p)
      throws RemoteException, SourceException {
    Datacenter dc = datacenter(si, p.datacenter());
    Folder folder = folder(dc, p.folder());
    ComputeResource compute;
    HostSystem host = null;
    if (!p.cluster().isEmpty()) {
      compute =
          (ClusterComputeResource) named(dc, "ClusterComputeResource", p.cluster(), "cluster");
      if (!p.host().isEmpty()) {
        host =
            (HostSystem) named(compute, "HostSystem", p.host(), "host in cluster " + p.cluster());
      }
    } else if (!p.host().isEmpty()) {
      host = (HostSystem) named(dc, "HostSystem", p.host(), "host");
      compute = (ComputeResource) host.getParent();
    } else {
      throw new SourceException(
          SourceProblem.NOT_FOUND,
          "Name a cluster or a host of datacenter " + dc.getName() + " to restore to");
    }
    ResourcePool pool = pool(compute, p.resourcePool());
    Datastore datastore = datastore(dc, host, p.datastore());
    VmPlacement resolved =
        new VmPlacement(
            dc.getName(),
            p.folder(),
            compute instanceof ClusterComputeResource ? compute.getName() : "",
            host == null ? "" : host.getName(),
            pool.getParent() instanceof ResourcePool ? pool.getName() : "",
            datastore.getName());
    return new RestoreTarget(dc, folder, pool, host, datastore, resolved);
  }

  private static Datacenter datacenter(ServiceInstance si, String name)
      throws RemoteException, SourceException {
    ManagedEntity[] all =
        new InventoryNavigator(si.getRootFolder()).searchManagedEntities("Datacenter");
    List<ManagedEntity> found =
        Arrays.stream(all).filter(d -> name.isEmpty() || d.getName().equals(name)).toList();
    if (found.size() != 1) {
      throw new SourceException(
          SourceProblem.NOT_FOUND,
          (name.isEmpty() ? "Name a datacenter" : "No datacenter named '" + name + "'")
              + "; the datacenters are: "
              + names(Arrays.asList(all)));
    }
    return (Datacenter) found.get(0);
  }

  private static Folder folder(Datacenter dc, String path) throws RemoteException, SourceException {
    Folder folder = dc.getVmFolder();
    if (path.isEmpty()) {
      return folder;
    }
    for (String segment : path.split("/")) {
      Folder parent = folder;
      List<ManagedEntity> children = Arrays.asList(nonNull(parent.getChildEntity()));
      folder =
          (Folder)
              children.stream()
                  .filter(c -> c instanceof Folder && c.getName().equals(segment))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new SourceException(
                              SourceProblem.NOT_FOUND,
                              "No VM folder '"
                                  + path
                                  + "' in datacenter "
                                  + dc.getName()
                                  + " (no '"
                                  + segment
                                  + "' in '"
                                  + parent.getName()
                                  + "')"));
    }
    return folder;
  }

  private static ManagedEntity named(ManagedEntity root, String type, String name, String what)
      throws RemoteException, SourceException {
    ManagedEntity[] all = new InventoryNavigator(root).searchManagedEntities(type);
    return Arrays.stream(all)
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new SourceException(
                    SourceProblem.NOT_FOUND,
                    "No "
                        + what
                        + " named '"
                        + name
                        + "'; there are: "
                        + names(Arrays.asList(all))));
  }

  private static ResourcePool pool(ComputeResource compute, String name)
      throws RemoteException, SourceException {
    ResourcePool root = compute.getResourcePool();
    if (name.isEmpty() || name.equals(VmLocation.ROOT_POOL)) {
      return root;
    }
    return (ResourcePool)
        named(root, "ResourcePool", name, "resource pool in " + compute.getName());
  }

  private static Datastore datastore(Datacenter dc, HostSystem host, String name)
      throws RemoteException, SourceException {
    List<Datastore> all = Arrays.asList(nonNull(dc.getDatastores()));
    Datastore ds =
        all.stream()
            .filter(d -> d.getName().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new SourceException(
                        SourceProblem.NOT_FOUND,
                        (name.isEmpty() ? "Name a datastore" : "No datastore named '" + name + "'")
                            + " in datacenter "
                            + dc.getName()
                            + "; there are: "
                            + names(all)));
    if (host != null
        && Arrays.stream(nonNull(host.getDatastores()))
            .noneMatch(d -> d.getMOR().getVal().equals(ds.getMOR().getVal()))) {
      throw new SourceException(
          SourceProblem.NOT_FOUND, "Host " + host.getName() + " does not see datastore " + name);
    }
    return ds;
  }

  /** A factory of adapter backings for a network (standard or distributed port group). */
  Supplier<VirtualDeviceBackingInfo> network(String name) throws RemoteException, SourceException {
    List<Network> all = Arrays.asList(nonNull(datacenter.getNetworks()));
    Optional<Network> found = all.stream().filter(n -> n.getName().equals(name)).findFirst();
    if (found.isEmpty()) {
      throw new SourceException(
          SourceProblem.NOT_FOUND,
          "No network named '"
              + name
              + "' in datacenter "
              + datacenter.getName()
              + "; map it to one of: "
              + names(all));
    }
    Network network = found.get();
    if (network instanceof DistributedVirtualPortgroup pg) {
      String key = pg.getKey();
      DistributedVirtualSwitch dvs =
          new DistributedVirtualSwitch(
              pg.getServerConnection(), pg.getConfig().getDistributedVirtualSwitch());
      String uuid = dvs.getUuid();
      return () -> {
        DistributedVirtualSwitchPortConnection port = new DistributedVirtualSwitchPortConnection();
        port.setPortgroupKey(key);
        port.setSwitchUuid(uuid);
        VirtualEthernetCardDistributedVirtualPortBackingInfo b =
            new VirtualEthernetCardDistributedVirtualPortBackingInfo();
        b.setPort(port);
        return b;
      };
    }
    var ref = network.getMOR();
    return () -> {
      VirtualEthernetCardNetworkBackingInfo b = new VirtualEthernetCardNetworkBackingInfo();
      b.setDeviceName(name);
      b.setNetwork(ref);
      return b;
    };
  }

  /** The VM of that name directly in the target folder, if any. */
  Optional<VirtualMachine> vmNamed(String name) throws RemoteException {
    return Arrays.stream(nonNull(folder.getChildEntity()))
        .filter(e -> e instanceof VirtualMachine && e.getName().equals(name))
        .map(e -> (VirtualMachine) e)
        .findFirst();
  }

  private static ManagedEntity[] nonNull(ManagedEntity[] entities) {
    return entities == null ? new ManagedEntity[0] : entities;
  }

  private static Datastore[] nonNull(Datastore[] entities) {
    return entities == null ? new Datastore[0] : entities;
  }

  private static Network[] nonNull(Network[] entities) {
    return entities == null ? new Network[0] : entities;
  }

  private static String names(List<? extends ManagedEntity> entities) {
    List<String> names = new ArrayList<>();
    entities.forEach(e -> names.add(e.getName()));
    return names.isEmpty() ? "(none)" : names.stream().sorted().collect(Collectors.joining(", "));
  }
}
