package io.sendense.plugins.vmware;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.VirtualController;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceBackingInfo;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualDiskFlatVer2BackingInfo;
import com.vmware.vim25.VirtualMachineConfigInfo;
import com.vmware.vim25.VirtualMachinePowerState;
import com.vmware.vim25.mo.Datacenter;
import com.vmware.vim25.mo.FileManager;
import com.vmware.vim25.mo.VirtualMachine;
import io.sendense.plugin.api.source.DiskContent;
import io.sendense.plugin.api.source.RestoreCheck;
import io.sendense.plugin.api.source.RestoredVm;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.TransferProgress;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmInfo;
import io.sendense.plugin.api.source.VmPlacement;
import io.sendense.plugin.api.source.VmRestore;
import io.sendense.plugin.api.source.VmRestoreSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Restores whole VMs into a vCenter or ESXi: resolves the target by names, creates the VM with the
 * recorded hardware and empty disks (CreateVM_Task), writes each disk's flat file through the
 * datastore file service ({@link DatastoreUploader}), powers it on, and deletes it with its files.
 */
final class VmwareVmRestore implements VmRestore {

  private final VmwareConnection connection;
  private final DatastoreUploader uploader;

  VmwareVmRestore(VmwareConnection connection, DatastoreUploader uploader) {
    this.connection = connection;
    this.uploader = uploader;
  }

  @Override
  public RestoreCheck check(VmRestoreSpec spec) throws SourceException {
    return checked(spec).check();
  }

  /** The resolved target, the network backings and the check's outcome. */
  private record Checked(
      RestoreTarget target,
      Map<String, Supplier<VirtualDeviceBackingInfo>> backings,
      RestoreCheck check) {}

  private Checked checked(VmRestoreSpec spec) throws SourceException {
    VmConfiguration c = spec.configuration();
    String action = "Checking the restore target of VM " + spec.name();
    try {
      RestoreTarget target = RestoreTarget.resolve(connection.serviceInstance(), spec.placement());
      Map<String, Supplier<VirtualDeviceBackingInfo>> backings = new HashMap<>();
      Map<String, String> mapped = new LinkedHashMap<>();
      for (VmConfiguration.Nic nic : c.nics()) {
        String to = spec.targetNetwork(nic.network());
        if (to.isEmpty()) {
          throw new SourceException(
              SourceProblem.NOT_FOUND,
              nic.label() + " was connected to no network; map \"\" to the network to use");
        }
        if (!backings.containsKey(to)) {
          backings.put(to, target.network(to));
        }
        mapped.put(nic.network(), to);
      }
      if (target.vmNamed(spec.name()).isPresent()) {
        throw new SourceException(
            SourceProblem.ALREADY_EXISTS,
            "A VM named '"
                + spec.name()
                + "' already exists in folder '"
                + target.placement().folder()
                + "' of "
                + target.placement().datacenter()
                + "; choose another name");
      }
      long free = target.datastore().getSummary().getFreeSpace();
      long required = c.diskBytes() + c.memoryMib() * (1L << 20);
      if (required > free) {
        throw new SourceException(
            SourceProblem.NO_SPACE,
            "Datastore "
                + target.datastore().getName()
                + " has "
                + free
                + " bytes free, but VM "
                + spec.name()
                + " needs "
                + required
                + " (disks "
                + c.diskBytes()
                + " + memory for the swap file); choose another datastore");
      }
      return new Checked(
          target, backings, new RestoreCheck(target.placement(), mapped, required, free));
    } catch (SourceException e) {
      throw e;
    } catch (Exception e) {
      throw Faults.map(action, e, connection.trust());
    }
  }

  @Override
  public RestoredVm create(VmRestoreSpec spec) throws SourceException {
    Checked checked = checked(spec);
    RestoreTarget target = checked.target();
    String action = "Creating VM " + spec.name() + " in " + target.placement();
    try {
      VmSpecBuilder.Built built =
          VmSpecBuilder.build(
              spec, target.datastore().getName(), network -> checked.backings().get(network).get());
      Object result =
          Tasks.await(
              target.folder().createVM_Task(built.spec(), target.pool(), target.host()),
              action,
              connection.trust());
      String vmId = ((ManagedObjectReference) result).getVal();
      return new RestoredVm(vmId, spec.name(), disks(vmId, spec.configuration(), built.slots()));
    } catch (SourceException e) {
      throw e;
    } catch (Exception e) {
      throw Faults.map(action, e, connection.trust());
    }
  }

  /** The new VM's disk files, matched to the recorded disks by controller kind, bus and unit. */
  private List<RestoredVm.Disk> disks(
      String vmId, VmConfiguration recorded, Map<Integer, VmSpecBuilder.Slot> slots)
      throws SourceException {
    VirtualDevice[] devices = vm(vmId).getConfig().getHardware().getDevice();
    Map<Integer, VirtualController> controllers = new HashMap<>();
    for (VirtualDevice d : devices) {
      if (d instanceof VirtualController c) {
        controllers.put(c.getKey(), c);
      }
    }
    Map<VmSpecBuilder.Slot, VirtualDisk> created = new HashMap<>();
    for (VirtualDevice d : devices) {
      VirtualController c = controllers.get(d.getControllerKey());
      if (d instanceof VirtualDisk disk && c != null && VmConfigReader.controllerType(c) != null) {
        created.put(
            new VmSpecBuilder.Slot(
                VmConfigReader.controllerType(c), c.getBusNumber(), disk.getUnitNumber()),
            disk);
      }
    }
    List<RestoredVm.Disk> disks = new ArrayList<>();
    for (VmConfiguration.Disk d : recorded.disks()) {
      VmSpecBuilder.Slot slot = slots.get(d.key());
      VirtualDisk disk = created.get(slot);
      if (disk == null || !(disk.getBacking() instanceof VirtualDiskFlatVer2BackingInfo b)) {
        throw new SourceException(
            SourceProblem.PROTOCOL_ERROR, "VM " + vmId + " was created without a disk at " + slot);
      }
      disks.add(new RestoredVm.Disk(d.key(), capacity(disk), b.getFileName()));
    }
    return disks;
  }

  private static long capacity(VirtualDisk disk) {
    Long bytes = disk.getCapacityInBytes();
    return bytes != null && bytes > 0 ? bytes : disk.getCapacityInKB() * 1024L;
  }

  @Override
  public void uploadDisk(RestoredVm vm, int diskKey, DiskContent content, TransferProgress progress)
      throws SourceException {
    RestoredVm.Disk disk = vm.disk(diskKey);
    if (content.size() != disk.capacityBytes()) {
      throw new SourceException(
          SourceProblem.OTHER,
          "Disk "
              + diskKey
              + " of the restore point has "
              + content.size()
              + " bytes, but its new disk "
              + disk.location()
              + " has "
              + disk.capacityBytes());
    }
    String datacenter = datacenterPath(vm.vmId());
    uploader.upload(datacenter, DatastorePath.parse(disk.location()).flatFile(), content, progress);
  }

  @Override
  public void powerOn(String vmId) throws SourceException {
    String action = "Powering on VM " + vmId;
    try {
      Tasks.await(vm(vmId).powerOnVM_Task(null), action, connection.trust());
    } catch (SourceException e) {
      throw e;
    } catch (Exception e) {
      throw Faults.map(action, e, connection.trust());
    }
  }

  @Override
  public VmInfo.PowerState powerState(String vmId) throws SourceException {
    try {
      VirtualMachinePowerState state = vm(vmId).getRuntime().getPowerState();
      return switch (state) {
        case poweredOn -> VmInfo.PowerState.POWERED_ON;
        case suspended -> VmInfo.PowerState.SUSPENDED;
        default -> VmInfo.PowerState.POWERED_OFF;
      };
    } catch (RuntimeException e) {
      throw Faults.map("Reading the power state of VM " + vmId, e, connection.trust());
    }
  }

  @Override
  public void rename(String vmId, String newName) throws SourceException {
    String action = "Renaming VM " + vmId + " to " + newName;
    try {
      Tasks.await(vm(vmId).rename_Task(newName), action, connection.trust());
    } catch (SourceException e) {
      throw e;
    } catch (Exception e) {
      throw Faults.map(action, e, connection.trust());
    }
  }

  @Override
  public void delete(String vmId) throws SourceException {
    String action = "Deleting VM " + vmId;
    try {
      VirtualMachine vm = vm(vmId);
      VirtualMachineConfigInfo config;
      try {
        config = vm.getConfig();
      } catch (RuntimeException e) {
        SourceException mapped = Faults.map(action, e, connection.trust());
        if (mapped.problem() == SourceProblem.NOT_FOUND) {
          return;
        }
        throw mapped;
      }
      Datacenter dc = VmLocation.datacenterOf(vm);
      if (vm.getRuntime().getPowerState() != VirtualMachinePowerState.poweredOff) {
        Tasks.await(vm.powerOffVM_Task(), action + " (power off)", connection.trust());
      }
      Tasks.await(vm.destroy_Task(), action, connection.trust());
      if (tagOf(config) != null) {
        deleteFolder(dc, config.getFiles().getVmPathName(), action);
      }
    } catch (SourceException e) {
      throw e;
    } catch (Exception e) {
      throw Faults.map(action, e, connection.trust());
    }
  }

  /** Removes what is left of a restored VM's folder (vSphere deletes the files it knows). */
  private void deleteFolder(Datacenter dc, String vmPathName, String action) throws Exception {
    if (vmPathName == null || !vmPathName.startsWith("[") || dc == null) {
      return;
    }
    DatastorePath vmx = DatastorePath.parse(vmPathName);
    int slash = vmx.path().lastIndexOf('/');
    if (slash <= 0) {
      return; // never the datastore's root
    }
    String folder = "[" + vmx.datastore() + "] " + vmx.path().substring(0, slash);
    FileManager files = connection.serviceInstance().getFileManager();
    try {
      Tasks.await(
          files.deleteDatastoreFile_Task(folder, dc), action + " (folder)", connection.trust());
    } catch (SourceException e) {
      if (!e.getMessage().contains("FileNotFound") && e.problem() != SourceProblem.NOT_FOUND) {
        throw e;
      }
    }
  }

  @Override
  public boolean deleteTagged(VmPlacement placement, String name, String restoreTag)
      throws SourceException {
    try {
      RestoreTarget target = RestoreTarget.resolve(connection.serviceInstance(), placement);
      var vm = target.vmNamed(name);
      if (vm.isEmpty() || !restoreTag.equals(tagOf(vm.get().getConfig()))) {
        return false;
      }
      delete(vm.get().getMOR().getVal());
      return true;
    } catch (SourceException e) {
      throw e;
    } catch (Exception e) {
      throw Faults.map(
          "Looking for VM " + name + " of an interrupted restore", e, connection.trust());
    }
  }

  private static String tagOf(VirtualMachineConfigInfo config) {
    if (config == null || config.getExtraConfig() == null) {
      return null;
    }
    for (OptionValue option : config.getExtraConfig()) {
      if (VmSpecBuilder.TAG_KEY.equals(option.getKey())) {
        return String.valueOf(option.getValue());
      }
    }
    return null;
  }

  private VirtualMachine vm(String vmId) {
    return connection.managedObject("VirtualMachine", vmId, VirtualMachine.class);
  }

  private String datacenterPath(String vmId) throws SourceException {
    try {
      Datacenter dc = VmLocation.datacenterOf(vm(vmId));
      if (dc == null) {
        throw new SourceException(SourceProblem.NOT_FOUND, "VM " + vmId + " is in no datacenter");
      }
      java.util.LinkedList<String> names = new java.util.LinkedList<>();
      for (com.vmware.vim25.mo.ManagedEntity e = dc;
          e != null && e.getParent() != null;
          e = e.getParent()) {
        names.addFirst(e.getName());
      }
      return String.join("/", names);
    } catch (RuntimeException e) {
      throw Faults.map("Finding the datacenter of VM " + vmId, e, connection.trust());
    }
  }
}
