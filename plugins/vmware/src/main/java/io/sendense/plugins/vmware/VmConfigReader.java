package io.sendense.plugins.vmware;

import com.vmware.vim25.Description;
import com.vmware.vim25.ParaVirtualSCSIController;
import com.vmware.vim25.VirtualAHCIController;
import com.vmware.vim25.VirtualBusLogicController;
import com.vmware.vim25.VirtualController;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceConnectInfo;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualDiskFlatVer2BackingInfo;
import com.vmware.vim25.VirtualE1000;
import com.vmware.vim25.VirtualE1000e;
import com.vmware.vim25.VirtualEthernetCard;
import com.vmware.vim25.VirtualEthernetCardDistributedVirtualPortBackingInfo;
import com.vmware.vim25.VirtualEthernetCardNetworkBackingInfo;
import com.vmware.vim25.VirtualIDEController;
import com.vmware.vim25.VirtualLsiLogicController;
import com.vmware.vim25.VirtualLsiLogicSASController;
import com.vmware.vim25.VirtualMachineConfigInfo;
import com.vmware.vim25.VirtualPCNet32;
import com.vmware.vim25.VirtualSATAController;
import com.vmware.vim25.VirtualSCSIController;
import com.vmware.vim25.VirtualVmxnet2;
import com.vmware.vim25.VirtualVmxnet3;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmConfiguration.Controller;
import io.sendense.plugin.api.source.VmConfiguration.ControllerType;
import io.sendense.plugin.api.source.VmConfiguration.Disk;
import io.sendense.plugin.api.source.VmConfiguration.Firmware;
import io.sendense.plugin.api.source.VmConfiguration.Nic;
import io.sendense.plugin.api.source.VmConfiguration.NicType;
import io.sendense.plugin.api.source.VmConfiguration.Provisioning;
import io.sendense.plugin.api.source.VmPlacement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a VM's vSphere configuration (as frozen in a snapshot) into the plugin API's {@link
 * VmConfiguration}: what a restore needs to create the VM again. Devices a restore does not create
 * (video, keyboard, CD-ROM, USB) are left out; controllers this yavijava version does not know
 * (NVMe) are dropped by the response pruner, so their disks keep a controller key no recorded
 * controller has, and a restore puts them on a new SCSI controller.
 */
final class VmConfigReader {

  private VmConfigReader() {}

  /**
   * @param portgroupNames distributed port group key to its name, for adapters on a distributed
   *     switch (their backing names only the key)
   */
  static VmConfiguration read(
      VirtualMachineConfigInfo config, VmPlacement placement, Map<String, String> portgroupNames) {
    VirtualDevice[] devices =
        config.getHardware().getDevice() == null
            ? new VirtualDevice[0]
            : config.getHardware().getDevice();
    List<Controller> controllers = new ArrayList<>();
    List<Disk> disks = new ArrayList<>();
    List<Nic> nics = new ArrayList<>();
    for (VirtualDevice device : devices) {
      if (device instanceof VirtualController c && controllerType(c) != null) {
        controllers.add(controller(c));
      } else if (device instanceof VirtualDisk d) {
        disks.add(disk(d));
      } else if (device instanceof VirtualEthernetCard e && nicType(e) != null) {
        nics.add(nic(e, portgroupNames));
      }
    }
    int cpus = Math.max(1, config.getHardware().getNumCPU());
    Integer cores = config.getHardware().getNumCoresPerSocket();
    return new VmConfiguration(
        config.getName(),
        config.getGuestId(),
        config.getGuestFullName(),
        "efi".equalsIgnoreCase(config.getFirmware()) ? Firmware.EFI : Firmware.BIOS,
        cpus,
        cores == null || cores < 1 || cpus % cores != 0 ? 1 : cores,
        Math.max(1, config.getHardware().getMemoryMB()),
        config.getAnnotation(),
        config.getVersion(),
        controllers,
        disks,
        nics,
        placement);
  }

  static ControllerType controllerType(VirtualController c) {
    if (c instanceof ParaVirtualSCSIController) {
      return ControllerType.PVSCSI;
    }
    if (c instanceof VirtualLsiLogicSASController) {
      return ControllerType.LSI_LOGIC_SAS;
    }
    if (c instanceof VirtualLsiLogicController) {
      return ControllerType.LSI_LOGIC;
    }
    if (c instanceof VirtualBusLogicController) {
      return ControllerType.BUS_LOGIC;
    }
    if (c instanceof VirtualAHCIController || c instanceof VirtualSATAController) {
      return ControllerType.SATA;
    }
    if (c instanceof VirtualIDEController) {
      return ControllerType.IDE;
    }
    return null;
  }

  private static Controller controller(VirtualController c) {
    String sharing =
        c instanceof VirtualSCSIController scsi && scsi.getSharedBus() != null
            ? scsi.getSharedBus().name()
            : "";
    return new Controller(c.getKey(), controllerType(c), c.getBusNumber(), sharing);
  }

  private static Disk disk(VirtualDisk d) {
    Provisioning provisioning = Provisioning.THICK_LAZY_ZEROED;
    String datastore = "";
    if (d.getBacking() instanceof VirtualDiskFlatVer2BackingInfo flat) {
      if (Boolean.TRUE.equals(flat.getThinProvisioned())) {
        provisioning = Provisioning.THIN;
      } else if (Boolean.TRUE.equals(flat.getEagerlyScrub())) {
        provisioning = Provisioning.THICK_EAGER_ZEROED;
      }
      String file = flat.getFileName();
      datastore = file != null && file.startsWith("[") ? DatastorePath.parse(file).datastore() : "";
    }
    Long bytes = d.getCapacityInBytes();
    long capacity = bytes != null && bytes > 0 ? bytes : d.getCapacityInKB() * 1024L;
    Integer unit = d.getUnitNumber();
    return new Disk(
        d.getKey(),
        label(d),
        d.getControllerKey() == null ? 0 : d.getControllerKey(),
        unit == null ? 0 : unit,
        capacity,
        provisioning,
        datastore);
  }

  static NicType nicType(VirtualEthernetCard e) {
    if (e instanceof VirtualVmxnet3) {
      return NicType.VMXNET3;
    }
    if (e instanceof VirtualVmxnet2) {
      return NicType.VMXNET2;
    }
    if (e instanceof com.vmware.vim25.VirtualVmxnet) {
      return NicType.VMXNET;
    }
    if (e instanceof VirtualE1000e) {
      return NicType.E1000E;
    }
    if (e instanceof VirtualE1000) {
      return NicType.E1000;
    }
    if (e instanceof VirtualPCNet32) {
      return NicType.PCNET32;
    }
    return null;
  }

  private static Nic nic(VirtualEthernetCard e, Map<String, String> portgroupNames) {
    String network = "";
    if (e.getBacking() instanceof VirtualEthernetCardNetworkBackingInfo n) {
      network = n.getDeviceName();
    } else if (e.getBacking() instanceof VirtualEthernetCardDistributedVirtualPortBackingInfo d
        && d.getPort() != null) {
      network = portgroupNames.getOrDefault(d.getPort().getPortgroupKey(), "");
    }
    VirtualDeviceConnectInfo connect = e.getConnectable();
    return new Nic(
        e.getKey(),
        label(e),
        nicType(e),
        network,
        e.getMacAddress(),
        connect == null || connect.isStartConnected());
  }

  private static String label(VirtualDevice device) {
    Description info = device.getDeviceInfo();
    return info == null ? null : info.getLabel();
  }
}
