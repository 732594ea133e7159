package io.sendense.batch.point;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.store.LocalImageStore;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmConfiguration.Controller;
import io.sendense.plugin.api.source.VmConfiguration.ControllerType;
import io.sendense.plugin.api.source.VmConfiguration.Disk;
import io.sendense.plugin.api.source.VmConfiguration.Firmware;
import io.sendense.plugin.api.source.VmConfiguration.Provisioning;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointFilesTest {
  private static final List<String> FULL =
      List.of("vm-7/20260101T000000Z-j1-disk2000.qcow2", "vm-7/20260101T000000Z-j1-disk2001.qcow2");
  private static final List<String> NEXT =
      List.of("vm-7/20260102T000000Z-j2-disk2000.qcow2", "vm-7/20260102T000000Z-j2-disk2001.qcow2");

  @TempDir Path repo;

  @Test
  void theConfigurationFileIsNamedAfterThePointsImages() {
    assertEquals("vm-7/20260101T000000Z-j1.vm.json", PointFiles.configFile(FULL));
  }

  @Test
  void aMergedHeirTakesOverTheRemovedPointsConfigurationName() throws IOException {
    LocalImageStore store = new LocalImageStore(repo);
    PointFiles.write(store, PointFiles.configFile(FULL), config(2));
    PointFiles.write(store, PointFiles.configFile(NEXT), config(4));

    PointFiles.handOver(store, FULL, NEXT);

    // The heir now lives in the full's images: the file next to them is the heir's (4 CPUs).
    assertEquals(4, PointFiles.read(store, PointFiles.configFile(FULL)).cpus());
    assertFalse(store.isFile(PointFiles.configFile(NEXT)));

    // Interrupted and run again (recovery at start-up): nothing changes.
    PointFiles.handOver(store, FULL, NEXT);
    assertEquals(4, PointFiles.read(store, PointFiles.configFile(FULL)).cpus());
  }

  @Test
  void aPointDroppedWithoutHeirLosesItsConfigurationFile() throws IOException {
    LocalImageStore store = new LocalImageStore(repo);
    PointFiles.write(store, PointFiles.configFile(NEXT), config(4));

    PointFiles.handOver(store, NEXT, List.of());

    assertFalse(store.isFile(PointFiles.configFile(NEXT)));
    assertTrue(store.list("vm-7").isEmpty(), "left: " + store.list("vm-7"));
  }

  private static VmConfiguration config(int cpus) {
    return new VmConfiguration(
        "web01",
        "ubuntu64Guest",
        null,
        Firmware.BIOS,
        cpus,
        1,
        4096,
        null,
        "vmx-13",
        List.of(new Controller(1000, ControllerType.PVSCSI, 0, "noSharing")),
        List.of(new Disk(2000, "Hard disk 1", 1000, 0, 1L << 30, Provisioning.THIN, "ds1")),
        List.of(),
        null);
  }
}
