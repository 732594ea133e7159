package io.sendense.plugin.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.source.VmConfiguration.Controller;
import io.sendense.plugin.api.source.VmConfiguration.ControllerType;
import io.sendense.plugin.api.source.VmConfiguration.Disk;
import io.sendense.plugin.api.source.VmConfiguration.Firmware;
import io.sendense.plugin.api.source.VmConfiguration.Nic;
import io.sendense.plugin.api.source.VmConfiguration.NicType;
import io.sendense.plugin.api.source.VmConfiguration.Provisioning;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VmConfigurationTest {
  static VmConfiguration config(int cpus, int cores) {
    return new VmConfiguration(
        "web01",
        "ubuntu64Guest",
        null,
        Firmware.EFI,
        cpus,
        cores,
        4096,
        null,
        "vmx-13",
        List.of(new Controller(1000, ControllerType.PVSCSI, 0, "noSharing")),
        List.of(
            new Disk(2000, "Hard disk 1", 1000, 0, 10L << 30, Provisioning.THIN, "ds1"),
            new Disk(2001, "Hard disk 2", 1000, 1, 5L << 30, Provisioning.THICK_LAZY_ZEROED, "")),
        List.of(
            new Nic(4000, "Network adapter 1", NicType.VMXNET3, "VM Network", "", true),
            new Nic(4001, "Network adapter 2", NicType.E1000, "VM Network", "", false),
            new Nic(4002, "Network adapter 3", NicType.E1000E, "", "", false)),
        null);
  }

  @Test
  void cpusMustSplitIntoWholeSockets() {
    assertEquals(4, config(4, 2).cpus());
    assertThrows(IllegalArgumentException.class, () -> config(3, 2));
    assertThrows(IllegalArgumentException.class, () -> config(0, 1));
  }

  @Test
  void answersDisksControllersNetworksAndSpace() {
    VmConfiguration c = config(2, 1);
    assertEquals(15L << 30, c.diskBytes());
    assertEquals(List.of("VM Network"), c.networks());
    assertEquals(1, c.disk(2001).orElseThrow().unitNumber());
    assertTrue(c.disk(7).isEmpty());
    assertEquals(ControllerType.PVSCSI, c.controller(1000).orElseThrow().type());
    assertEquals(VmPlacement.UNKNOWN, c.placement());
    assertEquals("", c.annotation());
  }

  @Test
  void aTargetPlacementTakesOnlyWhatItLeavesOpenFromTheOriginal() {
    VmPlacement original = new VmPlacement("DC0", "/prod/web/", "C0", "", "RP1", "ds1");
    assertEquals("prod/web", original.folder());
    assertEquals(original, VmPlacement.UNKNOWN.orElse(original));
    VmPlacement otherDatastore = new VmPlacement("", "", "", "", "", "ds2").orElse(original);
    assertEquals(new VmPlacement("DC0", "prod/web", "C0", "", "RP1", "ds2"), otherDatastore);
    VmPlacement otherHost = new VmPlacement("", "", "", "H9", "", "").orElse(original);
    assertEquals(new VmPlacement("DC0", "prod/web", "", "H9", "", "ds1"), otherHost);
    VmPlacement otherDatacenter = new VmPlacement("DC1", "", "", "", "", "").orElse(original);
    assertEquals("", otherDatacenter.folder(), "another datacenter starts at its root folder");
  }

  @Test
  void aSpecMapsNetworksAndProvisioningAndRefusesBadNamesAndTags() {
    VmConfiguration c = config(2, 1);
    VmRestoreSpec spec =
        new VmRestoreSpec(
            "web01-restored",
            c,
            VmPlacement.UNKNOWN,
            Map.of("VM Network", "Lab"),
            Provisioning.THIN,
            false,
            "r-7");
    assertEquals("Lab", spec.targetNetwork("VM Network"));
    assertEquals("Other", spec.targetNetwork("Other"));
    assertEquals(Provisioning.THIN, spec.provisioningOf(c.disks().get(1)));
    VmRestoreSpec asRecorded =
        new VmRestoreSpec("x", c, VmPlacement.UNKNOWN, Map.of(), null, false, "r-7");
    assertEquals(Provisioning.THICK_LAZY_ZEROED, asRecorded.provisioningOf(c.disks().get(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new VmRestoreSpec(" ", c, VmPlacement.UNKNOWN, Map.of(), null, false, "r-7"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new VmRestoreSpec("x", c, VmPlacement.UNKNOWN, Map.of(), null, false, "a b"));
  }

  @Test
  void aRestoredVmNamesTheDiskItLacks() throws Exception {
    RestoredVm vm = new RestoredVm("vm-9", "x", List.of(new RestoredVm.Disk(2000, 10, "[ds] x")));
    assertEquals("[ds] x", vm.disk(2000).location());
    SourceException e = assertThrows(SourceException.class, () -> vm.disk(2001));
    assertEquals(SourceProblem.NOT_FOUND, e.problem());
  }
}
