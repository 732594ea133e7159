package io.sendense.plugins.vmware;

import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecFileOperation;
import com.vmware.vim25.VirtualDeviceConfigSpecOperation;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualDiskFlatVer2BackingInfo;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.mo.VirtualMachine;
import java.io.RandomAccessFile;

/** Adds a thin second disk to a simulated VM (vcsim's VMs have one), as an administrator would. */
final class SecondDisk {

  static final String FILE = "disk2.vmdk";

  private SecondDisk() {}

  /** Adds the disk through vSphere and gives its data file the disk's size, as ESXi would. */
  static void add(Vcsim vcsim, String vmId, String vmName, long capacity) throws Exception {
    VmwareSettings settings = vcsim.settings();
    String path = "[LocalDS_0] " + vmName + "/" + FILE;
    try (VmwareConnection connection =
        VmwareConnection.login(settings, VmwareConnection.trustFor(settings))) {
      VirtualMachine vm = new SnapshotManager(connection).vm(vmId);
      VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
      spec.setDeviceChange(new VirtualDeviceConfigSpec[] {diskSpec(vm, path, capacity)});
      Tasks.await(vm.reconfigVM_Task(spec), "adding a disk", connection.trust());
    }
    try (RandomAccessFile file = new RandomAccessFile(vcsim.localFile(path).toFile(), "rw")) {
      file.setLength(capacity);
    }
  }

  private static VirtualDeviceConfigSpec diskSpec(VirtualMachine vm, String path, long capacity) {
    VirtualDisk first = null;
    for (VirtualDevice device : vm.getConfig().getHardware().getDevice()) {
      if (device instanceof VirtualDisk disk) {
        first = disk;
      }
    }
    VirtualDiskFlatVer2BackingInfo backing = new VirtualDiskFlatVer2BackingInfo();
    backing.setFileName(path);
    backing.setDiskMode("persistent");
    backing.setThinProvisioned(true);
    VirtualDisk disk = new VirtualDisk();
    disk.setKey(-1);
    disk.setControllerKey(first.getControllerKey());
    disk.setUnitNumber(first.getUnitNumber() + 1);
    disk.setCapacityInKB(capacity / 1024);
    disk.setCapacityInBytes(capacity);
    disk.setBacking(backing);
    VirtualDeviceConfigSpec spec = new VirtualDeviceConfigSpec();
    spec.setOperation(VirtualDeviceConfigSpecOperation.add);
    spec.setFileOperation(VirtualDeviceConfigSpecFileOperation.create);
    spec.setDevice(disk);
    return spec;
  }
}
