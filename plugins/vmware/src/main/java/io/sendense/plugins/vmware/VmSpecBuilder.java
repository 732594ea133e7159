package io.sendense.plugins.vmware;

import com.vmware.vim25.OptionValue;
import com.vmware.vim25.ParaVirtualSCSIController;
import com.vmware.vim25.VirtualAHCIController;
import com.vmware.vim25.VirtualBusLogicController;
import com.vmware.vim25.VirtualController;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceBackingInfo;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecFileOperation;
import com.vmware.vim25.VirtualDeviceConfigSpecOperation;
import com.vmware.vim25.VirtualDeviceConnectInfo;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualDiskFlatVer2BackingInfo;
import com.vmware.vim25.VirtualE1000;
import com.vmware.vim25.VirtualE1000e;
import com.vmware.vim25.VirtualEthernetCard;
import com.vmware.vim25.VirtualLsiLogicController;
import com.vmware.vim25.VirtualLsiLogicSASController;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualMachineFileInfo;
import com.vmware.vim25.VirtualPCNet32;
import com.vmware.vim25.VirtualSCSIController;
import com.vmware.vim25.VirtualSCSISharing;
import com.vmware.vim25.VirtualVmxnet;
import com.vmware.vim25.VirtualVmxnet2;
import com.vmware.vim25.VirtualVmxnet3;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmConfiguration.Controller;
import io.sendense.plugin.api.source.VmConfiguration.ControllerType;
import io.sendense.plugin.api.source.VmConfiguration.Disk;
import io.sendense.plugin.api.source.VmConfiguration.Nic;
import io.sendense.plugin.api.source.VmConfiguration.Provisioning;
import io.sendense.plugin.api.source.VmRestoreSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the CreateVM configuration of a restore from a recorded {@link VmConfiguration}: the same
 * CPUs, memory, firmware, guest and annotation, the controllers on their bus numbers, empty disks
 * of the recorded capacities on their units, and the adapters on the mapped networks. New devices
 * get negative keys (vSphere assigns the real ones). IDE disks go on the two IDE controllers every
 * VM has (keys 200 and 201); disks whose controller was not recorded (NVMe, unknown to this
 * yavijava) go on one added paravirtual SCSI controller. The result also says where each recorded
 * disk was put, so that the created disks can be matched to the recorded ones.
 */
final class VmSpecBuilder {

  /** The extra configuration key that marks a VM made by a restore. */
  static final String TAG_KEY = "sendense.restoreTag";

  private static final int IDE_BASE_KEY = 200;

  /** Where a recorded disk goes: controller kind, its bus number, unit number. */
  record Slot(ControllerType type, int bus, int unit) {}

  /** The configuration and the slot of each recorded disk by its key. */
  record Built(VirtualMachineConfigSpec spec, Map<Integer, Slot> slots) {}

  private final List<VirtualDeviceConfigSpec> changes = new ArrayList<>();
  private final Map<Integer, Integer> controllerKeys = new HashMap<>();
  private final Map<Integer, Slot> slots = new HashMap<>();
  private int nextKey = -100;

  private VmSpecBuilder() {}

  /**
   * @param datastore the datastore for the VM's files and disks
   * @param networks target network name to a new backing for an adapter
   */
  static Built build(
      VmRestoreSpec spec, String datastore, Function<String, VirtualDeviceBackingInfo> networks) {
    VmSpecBuilder b = new VmSpecBuilder();
    VmConfiguration c = spec.configuration();
    VirtualMachineConfigSpec config = new VirtualMachineConfigSpec();
    config.setName(spec.name());
    config.setGuestId(c.guestId().isEmpty() ? "otherGuest" : c.guestId());
    config.setAnnotation(c.annotation());
    config.setNumCPUs(c.cpus());
    config.setNumCoresPerSocket(c.coresPerSocket());
    config.setMemoryMB(c.memoryMib());
    config.setFirmware(c.firmware() == VmConfiguration.Firmware.EFI ? "efi" : "bios");
    if (!c.hardwareVersion().isEmpty()) {
      config.setVersion(c.hardwareVersion());
    }
    VirtualMachineFileInfo files = new VirtualMachineFileInfo();
    files.setVmPathName("[" + datastore + "]");
    config.setFiles(files);
    OptionValue tag = new OptionValue();
    tag.setKey(TAG_KEY);
    tag.setValue(spec.restoreTag());
    config.setExtraConfig(new OptionValue[] {tag});
    c.controllers().forEach(b::addController);
    for (Disk disk : c.disks()) {
      b.addDisk(disk, c, spec.provisioningOf(disk), datastore);
    }
    for (Nic nic : c.nics()) {
      b.addNic(nic, networks.apply(spec.targetNetwork(nic.network())), spec.keepMacAddresses());
    }
    config.setDeviceChange(b.changes.toArray(new VirtualDeviceConfigSpec[0]));
    return new Built(config, Map.copyOf(b.slots));
  }

  private void addController(Controller recorded) {
    if (recorded.type() == ControllerType.IDE) {
      controllerKeys.put(recorded.key(), IDE_BASE_KEY + recorded.busNumber());
      return;
    }
    VirtualController controller = newController(recorded.type());
    if (controller instanceof VirtualSCSIController scsi) {
      scsi.setSharedBus(
          recorded.sharedBus().isEmpty()
              ? VirtualSCSISharing.noSharing
              : VirtualSCSISharing.valueOf(recorded.sharedBus()));
    }
    controller.setKey(nextKey--);
    controller.setBusNumber(recorded.busNumber());
    controllerKeys.put(recorded.key(), controller.getKey());
    changes.add(add(controller, null));
  }

  private static VirtualController newController(ControllerType type) {
    return switch (type) {
      case LSI_LOGIC -> new VirtualLsiLogicController();
      case LSI_LOGIC_SAS -> new VirtualLsiLogicSASController();
      case BUS_LOGIC -> new VirtualBusLogicController();
      case SATA -> new VirtualAHCIController();
      case PVSCSI, NVME, IDE -> new ParaVirtualSCSIController();
    };
  }

  private void addDisk(Disk recorded, VmConfiguration c, Provisioning provisioning, String ds) {
    Integer controllerKey = controllerKeys.get(recorded.controllerKey());
    Controller controller = c.controller(recorded.controllerKey()).orElse(null);
    if (controllerKey == null || controller == null) {
      controller = fallbackController(c);
      controllerKey = controllerKeys.get(controller.key());
    }
    VirtualDiskFlatVer2BackingInfo backing = new VirtualDiskFlatVer2BackingInfo();
    backing.setFileName("[" + ds + "]");
    backing.setDiskMode("persistent");
    backing.setThinProvisioned(provisioning == Provisioning.THIN);
    backing.setEagerlyScrub(provisioning == Provisioning.THICK_EAGER_ZEROED);
    VirtualDisk disk = new VirtualDisk();
    disk.setKey(nextKey--);
    disk.setControllerKey(controllerKey);
    int unit = controller.key() == FALLBACK ? fallbackUnit() : recorded.unitNumber();
    disk.setUnitNumber(unit);
    disk.setCapacityInKB((recorded.capacityBytes() + 1023) / 1024);
    disk.setCapacityInBytes(recorded.capacityBytes());
    disk.setBacking(backing);
    slots.put(recorded.key(), new Slot(controller.type(), controller.busNumber(), unit));
    changes.add(add(disk, VirtualDeviceConfigSpecFileOperation.create));
  }

  /** Key under which the added controller for disks without a recorded one is known. */
  private static final int FALLBACK = Integer.MIN_VALUE;

  private Controller fallback;
  private int fallbackUnits;

  /** The paravirtual SCSI controller added (once) on the first free SCSI bus. */
  private Controller fallbackController(VmConfiguration c) {
    if (fallback == null) {
      int bus =
          c.controllers().stream()
                  .filter(x -> x.type() != ControllerType.IDE && x.type() != ControllerType.SATA)
                  .mapToInt(Controller::busNumber)
                  .max()
                  .orElse(-1)
              + 1;
      fallback = new Controller(FALLBACK, ControllerType.PVSCSI, bus, "");
      addController(fallback);
    }
    return fallback;
  }

  /** Units 0..15 without 7, which the SCSI controller itself uses. */
  private int fallbackUnit() {
    int unit = fallbackUnits++;
    return unit >= 7 ? unit + 1 : unit;
  }

  private void addNic(Nic recorded, VirtualDeviceBackingInfo backing, boolean keepMac) {
    VirtualEthernetCard card =
        switch (recorded.type()) {
          case VMXNET3 -> new VirtualVmxnet3();
          case VMXNET2 -> new VirtualVmxnet2();
          case VMXNET -> new VirtualVmxnet();
          case E1000E -> new VirtualE1000e();
          case E1000 -> new VirtualE1000();
          case PCNET32 -> new VirtualPCNet32();
        };
    card.setKey(nextKey--);
    card.setBacking(backing);
    if (keepMac && !recorded.macAddress().isEmpty()) {
      card.setAddressType("manual");
      card.setMacAddress(recorded.macAddress());
    } else {
      card.setAddressType("generated");
    }
    VirtualDeviceConnectInfo connect = new VirtualDeviceConnectInfo();
    connect.setStartConnected(recorded.startConnected());
    connect.setAllowGuestControl(true);
    connect.setConnected(false);
    card.setConnectable(connect);
    changes.add(add(card, null));
  }

  private static VirtualDeviceConfigSpec add(
      VirtualDevice device, VirtualDeviceConfigSpecFileOperation file) {
    VirtualDeviceConfigSpec change = new VirtualDeviceConfigSpec();
    change.setOperation(VirtualDeviceConfigSpecOperation.add);
    change.setFileOperation(file);
    change.setDevice(device);
    return change;
  }
}
