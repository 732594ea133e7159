package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vmware.vim25.ParaVirtualSCSIController;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecFileOperation;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualDiskFlatVer2BackingInfo;
import com.vmware.vim25.VirtualEthernetCard;
import com.vmware.vim25.VirtualEthernetCardNetworkBackingInfo;
import com.vmware.vim25.VirtualLsiLogicSASController;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualVmxnet3;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmConfiguration.Controller;
import io.sendense.plugin.api.source.VmConfiguration.ControllerType;
import io.sendense.plugin.api.source.VmConfiguration.Disk;
import io.sendense.plugin.api.source.VmConfiguration.Nic;
import io.sendense.plugin.api.source.VmConfiguration.NicType;
import io.sendense.plugin.api.source.VmConfiguration.Provisioning;
import io.sendense.plugin.api.source.VmPlacement;
import io.sendense.plugin.api.source.VmRestoreSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VmSpecBuilderTest {
  private static final VmConfiguration RECORDED =
      new VmConfiguration(
          "db01",
          "windows9Server64Guest",
          "",
          VmConfiguration.Firmware.EFI,
          8,
          4,
          16384,
          "notes",
          "vmx-13",
          List.of(
              new Controller(201, ControllerType.IDE, 1, ""),
              new Controller(1000, ControllerType.LSI_LOGIC_SAS, 0, "noSharing")),
          List.of(
              new Disk(
                  2000, "Hard disk 1", 1000, 0, 40L << 30, Provisioning.THICK_EAGER_ZEROED, "a"),
              new Disk(3000, "Hard disk 2", 201, 1, 1L << 30, Provisioning.THIN, "a"),
              new Disk(2001, "Hard disk 3", 31000, 0, 2L << 30, Provisioning.THIN, "a"),
              new Disk(2002, "Hard disk 4", 31000, 1, 3L << 30, Provisioning.THIN, "a")),
          List.of(
              new Nic(
                  4000, "Network adapter 1", NicType.VMXNET3, "Prod", "00:50:56:aa:bb:cc", true)),
          VmPlacement.UNKNOWN);

  private static VmSpecBuilder.Built build(boolean keepMac, Provisioning provisioning) {
    VmRestoreSpec spec =
        new VmRestoreSpec(
            "db01-restored",
            RECORDED,
            VmPlacement.UNKNOWN,
            Map.of("Prod", "Lab"),
            provisioning,
            keepMac,
            "r-9");
    return VmSpecBuilder.build(
        spec,
        "ds2",
        network -> {
          VirtualEthernetCardNetworkBackingInfo b = new VirtualEthernetCardNetworkBackingInfo();
          b.setDeviceName(network);
          return b;
        });
  }

  @Test
  void theVmGetsTheRecordedHardwareAndTheRestoreTag() {
    VmSpecBuilder.Built built = build(false, null);
    VmMachine m = new VmMachine(built.spec());
    assertEquals("db01-restored", built.spec().getName());
    assertEquals(8, built.spec().getNumCPUs());
    assertEquals(4, built.spec().getNumCoresPerSocket());
    assertEquals(16384L, built.spec().getMemoryMB());
    assertEquals("efi", built.spec().getFirmware());
    assertEquals("vmx-13", built.spec().getVersion());
    assertEquals("[ds2]", built.spec().getFiles().getVmPathName());
    assertEquals("r-9", built.spec().getExtraConfig()[0].getValue());
    assertEquals(1, m.of(VirtualLsiLogicSASController.class).size(), "IDE is not added");
    assertEquals(4, m.of(VirtualDisk.class).size());
    assertTrue(
        m.changes.stream()
            .filter(c -> c.getDevice() instanceof VirtualDisk)
            .allMatch(c -> c.getFileOperation() == VirtualDeviceConfigSpecFileOperation.create));
  }

  @Test
  void disksKeepControllerUnitAndProvisioningAndUnrecordedControllersGetAPvscsiOne() {
    VmSpecBuilder.Built built = build(false, null);
    VmMachine m = new VmMachine(built.spec());
    VirtualLsiLogicSASController sas = m.of(VirtualLsiLogicSASController.class).get(0);
    List<VirtualDisk> disks = m.of(VirtualDisk.class);
    assertEquals(sas.getKey(), disks.get(0).getControllerKey());
    assertEquals(40L << 30, disks.get(0).getCapacityInBytes());
    VirtualDiskFlatVer2BackingInfo eager =
        (VirtualDiskFlatVer2BackingInfo) disks.get(0).getBacking();
    assertTrue(eager.getEagerlyScrub());
    assertFalse(eager.getThinProvisioned());
    assertEquals(201, disks.get(1).getControllerKey(), "IDE bus 1 is the VM's own controller 201");
    assertEquals(1, disks.get(1).getUnitNumber());
    ParaVirtualSCSIController added = m.of(ParaVirtualSCSIController.class).get(0);
    assertEquals(1, added.getBusNumber(), "the first free SCSI bus");
    assertEquals(added.getKey(), disks.get(2).getControllerKey());
    assertEquals(
        List.of(0, 1), List.of(disks.get(2).getUnitNumber(), disks.get(3).getUnitNumber()));
    assertEquals(new VmSpecBuilder.Slot(ControllerType.IDE, 1, 1), built.slots().get(3000));
    assertEquals(new VmSpecBuilder.Slot(ControllerType.PVSCSI, 1, 1), built.slots().get(2002));
  }

  @Test
  void provisioningCanBeOverriddenAndMacsAreKeptOnlyWhenAsked() {
    VmMachine thin = new VmMachine(build(false, Provisioning.THIN).spec());
    assertTrue(
        thin.of(VirtualDisk.class).stream()
            .allMatch(d -> ((VirtualDiskFlatVer2BackingInfo) d.getBacking()).getThinProvisioned()));
    VirtualEthernetCard fresh = thin.of(VirtualVmxnet3.class).get(0);
    assertEquals("generated", fresh.getAddressType());
    assertEquals(
        "Lab", ((VirtualEthernetCardNetworkBackingInfo) fresh.getBacking()).getDeviceName());
    VirtualEthernetCard kept =
        new VmMachine(build(true, null).spec()).of(VirtualVmxnet3.class).get(0);
    assertEquals("manual", kept.getAddressType());
    assertEquals("00:50:56:aa:bb:cc", kept.getMacAddress());
  }

  @Test
  void uploadPiecesCoverTheDiskAlternatingDataAndZeros() {
    List<DatastoreUploader.Piece> pieces =
        DatastoreUploader.pieces(
            20L << 20,
            List.of(new DiskExtent(1 << 20, 5L << 20), new DiskExtent(19L << 20, 2L << 20)));
    long at = 0;
    for (DatastoreUploader.Piece p : pieces) {
      assertEquals(at, p.offset());
      assertTrue(p.length() <= DatastoreUploader.PIECE);
      at += p.length();
    }
    assertEquals(20L << 20, at, "an extent past the end is cut at the disk's size");
    assertEquals(
        6L << 20,
        pieces.stream().filter(DatastoreUploader.Piece::data).mapToLong(p -> p.length()).sum());
  }

  /** The devices a configuration adds. */
  private static final class VmMachine {
    final List<VirtualDeviceConfigSpec> changes;

    VmMachine(VirtualMachineConfigSpec spec) {
      changes = Arrays.asList(spec.getDeviceChange());
    }

    <T> List<T> of(Class<T> kind) {
      return changes.stream()
          .map(VirtualDeviceConfigSpec::getDevice)
          .filter(kind::isInstance)
          .map(kind::cast)
          .toList();
    }
  }
}
