package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.RestoreCheck;
import io.sendense.plugin.api.source.RestoredVm;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.plugin.api.source.TransferProgress;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmInfo;
import io.sendense.plugin.api.source.VmPlacement;
import io.sendense.plugin.api.source.VmRestore;
import io.sendense.plugin.api.source.VmRestoreSpec;
import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Whole-VM restore against vcsim: the configuration a snapshot records, a VM created from it with
 * the recorded hardware, disks uploaded through the datastore file service and compared byte for
 * byte with what was sent, power-on, deletion, and the refusals that must come before anything is
 * created. The VM's hardware is read back through the simulator's own hook, not the plugin.
 */
@ExtendWith(VcsimExtension.class)
class VmwareVmRestoreIT {
  private static final long DISK = 64L << 20;
  private static final String VM = "DC0_H0_VM0";

  private final VmwareSourceType type = new VmwareSourceType();

  @Test
  void aSnapshotRecordsTheVmsHardwareNetworkAndPlace(Vcsim vcsim) throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      VmInfo vm = session.inventory().vmNamed(VM).orElseThrow();
      SecondDisk.add(vcsim, vm.id(), VM, 32L << 20);
      Snapshot snapshot = session.createSnapshot(vm.id(), "sbak-config", false);
      VmConfiguration c = snapshot.configuration().orElseThrow();
      JsonObject real = new SimulatorHooks(vcsim).vm(VM).orElseThrow();
      assertEquals(VM, c.name());
      assertEquals(real.getInt("cpus"), c.cpus());
      assertEquals(real.getInt("memoryMB"), c.memoryMib());
      assertEquals(real.getString("guestId"), c.guestId());
      assertEquals(
          snapshot.disks().stream().map(d -> d.disk().key()).toList(),
          c.disks().stream().map(VmConfiguration.Disk::key).toList(),
          "the recorded disks carry the keys the backup's disks have");
      assertEquals(
          List.of(DISK, 32L << 20), c.disks().stream().map(d -> d.capacityBytes()).toList());
      assertEquals(List.of(0, 1), c.disks().stream().map(d -> d.unitNumber()).toList());
      VmConfiguration.Controller controller =
          c.controller(c.disks().get(0).controllerKey()).orElseThrow();
      assertEquals(
          real.getJsonArray("disks").getJsonObject(0).getInt("bus"), controller.busNumber());
      assertEquals(List.of("DC0_DVPG0"), c.networks());
      assertEquals(new VmPlacement("DC0", "", "", "DC0_H0", "", "LocalDS_0"), c.placement());
    }
  }

  @Test
  void aRestoredVmHasTheRecordedHardwareAndItsDisksHoldExactlyTheUploadedBytes(Vcsim vcsim)
      throws Exception {
    SimulatorHooks hooks = new SimulatorHooks(vcsim);
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      VmInfo source = session.inventory().vmNamed(VM).orElseThrow();
      SecondDisk.add(vcsim, source.id(), VM, 32L << 20);
      VmConfiguration recorded =
          session.createSnapshot(source.id(), "sbak-1", false).configuration().orElseThrow();
      VmRestore restore = session.vmRestore().orElseThrow();
      VmRestoreSpec spec = spec("web-restored", recorded, Map.of("DC0_DVPG0", "VM Network"));
      RestoreCheck check = restore.check(spec);
      assertEquals("LocalDS_0", check.placement().datastore());
      assertEquals(Map.of("DC0_DVPG0", "VM Network"), check.networks());
      assertEquals(DISK + (32L << 20) + (recorded.memoryMib() << 20), check.requiredBytes());

      RestoredVm vm = restore.create(spec);
      assertEquals(2, vm.disks().size());
      List<BytesContent> contents =
          List.of(BytesContent.random(DISK, 7), BytesContent.random(32L << 20, 8));
      AtomicLong sent = new AtomicLong();
      for (int i = 0; i < 2; i++) {
        restore.uploadDisk(vm, recorded.disks().get(i).key(), contents.get(i), counting(sent));
        Path file = vcsim.localFile(vm.disk(recorded.disks().get(i).key()).location());
        assertEquals(DiskContent.sha256(contents.get(i).data), DiskContent.sha256(file));
      }
      assertEquals(DISK + (32L << 20), sent.get(), "every byte of both disks was sent once");

      JsonObject real = hooks.vm("web-restored").orElseThrow();
      assertEquals(recorded.cpus(), real.getInt("cpus"));
      assertEquals(recorded.coresPerSocket(), real.getInt("coresPerSocket"));
      assertEquals(recorded.memoryMib(), real.getInt("memoryMB"));
      assertEquals(recorded.guestId(), real.getString("guestId"));
      assertEquals("efi", real.getString("firmware"));
      assertEquals("restored by a test", real.getString("annotation"));
      assertEquals(
          List.of(DISK, 32L << 20),
          real.getJsonArray("disks").stream()
              .map(d -> d.asJsonObject().getJsonNumber("capacityBytes").longValue())
              .toList());
      assertEquals(
          List.of(0, 1),
          real.getJsonArray("disks").stream().map(d -> d.asJsonObject().getInt("unit")).toList());
      assertEquals(
          List.of("VM Network"),
          real.getJsonArray("nics").stream()
              .map(n -> n.asJsonObject().getString("network"))
              .toList());
      assertEquals("r-1", real.getJsonObject("extraConfig").getString(VmSpecBuilder.TAG_KEY));
      assertEquals("poweredOff", real.getString("powerState"));

      restore.powerOn(vm.vmId());
      assertEquals(VmInfo.PowerState.POWERED_ON, restore.powerState(vm.vmId()));
      assertEquals("poweredOn", hooks.vm("web-restored").orElseThrow().getString("powerState"));
      Path folder = vcsim.localFile(vm.disks().get(0).location()).getParent();
      restore.delete(vm.vmId());
      assertTrue(hooks.vm("web-restored").isEmpty(), "the VM is gone");
      assertFalse(Files.exists(folder), "its folder is gone: " + folder);
      restore.delete(vm.vmId());
      assertTrue(hooks.vm(VM).isPresent(), "the original is untouched");
    }
  }

  @Test
  void aTooSmallDatastoreOrAnUnknownNameIsRefusedBeforeAnythingIsCreated(Vcsim vcsim)
      throws Exception {
    SimulatorHooks hooks = new SimulatorHooks(vcsim);
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      VmInfo source = session.inventory().vmNamed(VM).orElseThrow();
      VmConfiguration recorded =
          session.createSnapshot(source.id(), "sbak-1", false).configuration().orElseThrow();
      VmRestore restore = session.vmRestore().orElseThrow();
      hooks.freeBytes("LocalDS_0", 10L << 20);
      VmRestoreSpec spec = spec("too-big", recorded, Map.of());
      SourceException full = assertThrows(SourceException.class, () -> restore.create(spec));
      assertEquals(SourceProblem.NO_SPACE, full.problem());
      assertTrue(
          full.getMessage().contains("LocalDS_0 has 10485760 bytes free"), full.getMessage());
      assertTrue(hooks.vm("too-big").isEmpty());
      assertFalse(Files.exists(vcsim.datastores().get("LocalDS_0").resolve("too-big")));

      VmRestoreSpec elsewhere =
          new VmRestoreSpec(
              "x",
              recorded,
              new VmPlacement("", "", "", "", "", "NoSuchDS").orElse(recorded.placement()),
              Map.of(),
              null,
              false,
              "r-2");
      SourceException ds = assertThrows(SourceException.class, () -> restore.check(elsewhere));
      assertEquals(SourceProblem.NOT_FOUND, ds.problem());
      assertTrue(ds.getMessage().contains("LocalDS_0"), "names what exists: " + ds.getMessage());
      SourceException net =
          assertThrows(
              SourceException.class,
              () -> restore.check(spec("x", recorded, Map.of("DC0_DVPG0", "Nowhere"))));
      assertTrue(net.getMessage().contains("'Nowhere'"), net.getMessage());
      SourceException exists =
          assertThrows(SourceException.class, () -> restore.check(spec(VM, recorded, Map.of())));
      assertEquals(SourceProblem.ALREADY_EXISTS, exists.problem());
    }
  }

  @Test
  void aHalfMadeVmIsFoundByItsRestoreTagAndOthersAreNeverTouched(Vcsim vcsim) throws Exception {
    SimulatorHooks hooks = new SimulatorHooks(vcsim);
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      VmInfo source = session.inventory().vmNamed(VM).orElseThrow();
      VmConfiguration recorded =
          session.createSnapshot(source.id(), "sbak-1", false).configuration().orElseThrow();
      VmRestore restore = session.vmRestore().orElseThrow();
      restore.create(spec("half-made", recorded, Map.of()));
      VmPlacement where = recorded.placement();
      assertFalse(restore.deleteTagged(where, "half-made", "r-other"));
      assertFalse(restore.deleteTagged(where, VM, "r-1"), "an untagged VM is never deleted");
      assertTrue(hooks.vm("half-made").isPresent());
      assertTrue(restore.deleteTagged(where, "half-made", "r-1"));
      assertTrue(hooks.vm("half-made").isEmpty());
      assertTrue(hooks.vm(VM).isPresent());
    }
  }

  @Test
  void aCancelledUploadStopsWithAReason(Vcsim vcsim) throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      VmInfo source = session.inventory().vmNamed(VM).orElseThrow();
      VmConfiguration recorded =
          session.createSnapshot(source.id(), "sbak-1", false).configuration().orElseThrow();
      VmRestore restore = session.vmRestore().orElseThrow();
      RestoredVm vm = restore.create(spec("cancelled", recorded, Map.of()));
      AtomicLong sent = new AtomicLong();
      TransferProgress stopAfterFirstPiece =
          new TransferProgress() {
            @Override
            public void transferred(long bytes) {
              sent.addAndGet(bytes);
            }

            @Override
            public boolean cancelled() {
              return sent.get() > 0;
            }
          };
      int key = recorded.disks().get(0).key();
      SourceException e =
          assertThrows(
              SourceException.class,
              () -> restore.uploadDisk(vm, key, BytesContent.random(DISK, 3), stopAfterFirstPiece));
      assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
      assertEquals(1 << 20, sent.get(), "stopped after the first piece (the first data extent)");
      assertNotEquals(DISK, Files.size(vcsim.localFile(vm.disks().get(0).location())));
    }
  }

  private static VmRestoreSpec spec(String name, VmConfiguration c, Map<String, String> networks) {
    VmConfiguration efi =
        new VmConfiguration(
            c.name(),
            c.guestId(),
            c.guestFullName(),
            VmConfiguration.Firmware.EFI,
            c.cpus(),
            c.coresPerSocket(),
            c.memoryMib(),
            "restored by a test",
            c.hardwareVersion(),
            c.controllers(),
            c.disks(),
            c.nics(),
            c.placement());
    return new VmRestoreSpec(name, efi, c.placement(), networks, null, false, "r-1");
  }

  private static TransferProgress counting(AtomicLong sent) {
    return new TransferProgress() {
      @Override
      public void transferred(long bytes) {
        sent.addAndGet(bytes);
      }

      @Override
      public boolean cancelled() {
        return false;
      }
    };
  }

  /** A disk in memory: random data in a few regions, zeros elsewhere. */
  static final class BytesContent implements io.sendense.plugin.api.source.DiskContent {
    final byte[] data;
    final List<DiskExtent> extents;

    private BytesContent(byte[] data, List<DiskExtent> extents) {
      this.data = data;
      this.extents = extents;
    }

    static BytesContent random(long size, long seed) {
      byte[] data = new byte[(int) size];
      Random random = new Random(seed);
      List<DiskExtent> extents =
          List.of(
              new DiskExtent(0, 1 << 20),
              new DiskExtent(5L << 20, 3L << 20),
              new DiskExtent(size - (2L << 20), 2L << 20));
      for (DiskExtent e : extents) {
        byte[] chunk = new byte[(int) e.length()];
        random.nextBytes(chunk);
        System.arraycopy(chunk, 0, data, (int) e.offset(), chunk.length);
      }
      return new BytesContent(data, extents);
    }

    @Override
    public long size() {
      return data.length;
    }

    @Override
    public List<DiskExtent> dataExtents() {
      return extents;
    }

    @Override
    public void read(ByteBuffer dst, long position) {
      dst.put(data, (int) position, dst.remaining());
    }
  }
}
