package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.source.ChangedAreas;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.DiskInfo;
import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.plugin.api.source.VmInfo;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VcsimExtension.class)
class VmwareDiskReadIT {

  private final VmwareSourceType type = new VmwareSourceType();

  @Test
  void fullReadOfSnapshotDiskMatchesTheDiskFile(Vcsim vcsim) throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      VmInfo vm = session.inventory().vmNamed("DC0_H0_VM0").orElseThrow();
      Path flat = vcsim.localFile(vm.disks().get(0).backingFile());
      DiskContent.writeGuestLikeContent(flat, 1);
      Snapshot snapshot = session.createSnapshot(vm.id(), "sbak-full", false);
      try (DiskReader reader = session.openDiskReader(snapshot, vm.disks().get(0).key())) {
        assertEquals(64L << 20, reader.size());
        byte[] image = null;
        for (int pass = 1; pass <= 2; pass++) {
          long start = System.nanoTime();
          image = DiskContent.readAll(reader, 4);
          double seconds = (System.nanoTime() - start) / 1e9;
          System.out.printf(
              "vcsim datastore read, pass %d: 64 MiB in %.2f s = %.0f MiB/s%n",
              pass, seconds, 64 / seconds);
          assertEquals(DiskContent.sha256(flat), DiskContent.sha256(image));
        }
        assertEquals(0x55, image[510] & 0xff);
        assertEquals(-1, reader.read(ByteBuffer.allocate(1), reader.size()));
      }
    }
  }

  @Test
  void allocatedAreasOfAFullCoverExactlyTheBlocksHoldingData(Vcsim vcsim) throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      VmInfo vm = session.inventory().vmNamed("DC0_H0_VM0").orElseThrow();
      int key = vm.disks().get(0).key();
      Path flat = vcsim.localFile(vm.disks().get(0).backingFile());
      assertTrue(session.enableChangeTracking(vm.id()));
      DiskContent.writeGuestLikeContent(flat, 2);
      byte[] expected = Files.readAllBytes(flat);
      Snapshot snapshot = session.createSnapshot(vm.id(), "sbak-1", false);
      ChangedAreas areas = session.changedAreas(snapshot, key, "*");
      assertTrue(areas.available(), areas.fallbackReason());
      assertEquals(DiskContent.changedBlocks(null, expected), areas.extents());
      byte[] rebuilt = new byte[expected.length];
      try (DiskReader reader = session.openDiskReader(snapshot, key)) {
        for (DiskExtent extent : areas.extents()) {
          reader.readFully(
              ByteBuffer.wrap(rebuilt, (int) extent.offset(), (int) extent.length()),
              extent.offset());
        }
      }
      assertArrayEquals(expected, rebuilt, "allocated areas plus zeros rebuild the disk");
    }
  }

  @Test
  void incrementalAreasAreExactlyTheBlocksChangedBetweenSnapshots(Vcsim vcsim) throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      VmInfo vm = session.inventory().vmNamed("DC0_C0_RP0_VM0").orElseThrow();
      int key = vm.disks().get(0).key();
      Path flat = vcsim.localFile(vm.disks().get(0).backingFile());
      session.enableChangeTracking(vm.id());
      DiskContent.writeGuestLikeContent(flat, 3);
      Snapshot first = session.createSnapshot(vm.id(), "sbak-1", false);
      byte[] before = Files.readAllBytes(flat);
      session.removeSnapshot(vm.id(), first.id());
      ChangedBlocks.change(flat);
      byte[] after = Files.readAllBytes(flat);
      Snapshot second = session.createSnapshot(vm.id(), "sbak-2", false);
      String since = first.disk(key).changeId();
      ChangedAreas areas = session.changedAreas(second, key, since);
      assertTrue(areas.available(), areas.fallbackReason());
      assertEquals(ChangedBlocks.EXPECTED, areas.extents());
      assertEquals(DiskContent.changedBlocks(before, after), areas.extents());
      ChangedBlocks.assertAdvanced(since, second.disk(key).changeId());
      try (DiskReader reader = session.openDiskReader(second, key)) {
        for (DiskExtent extent : areas.extents()) {
          reader.readFully(
              ByteBuffer.wrap(before, (int) extent.offset(), (int) extent.length()),
              extent.offset());
        }
      }
      assertEquals(
          DiskContent.sha256(after),
          DiskContent.sha256(before),
          "parent + changed areas = new disk");
    }
  }

  @Test
  void oneSnapshotFreezesEveryDiskWithItsOwnChangeId(Vcsim vcsim) throws Exception {
    try (SourceSession session = type.open(new TestContext(vcsim.configuration()))) {
      VmInfo vm = session.inventory().vmNamed("DC0_H0_VM1").orElseThrow();
      SecondDisk.add(vcsim, vm.id(), vm.name(), 16L << 20);
      vm = session.inventory().vm(vm.id()).orElseThrow();
      assertEquals(2, vm.disks().size());
      DiskInfo second = vm.disks().get(1);
      assertTrue(second.thinProvisioned());
      assertEquals(16L << 20, second.capacityBytes());
      session.enableChangeTracking(vm.id());
      DiskContent.writeGuestLikeContent(vcsim.localFile(vm.disks().get(0).backingFile()), 5);
      Path flat2 = vcsim.localFile(second.backingFile());
      ChangedBlocks.writeBlock(flat2, 3);
      Snapshot snapshot = session.createSnapshot(vm.id(), "sbak-two-disks", false);
      assertEquals(2, snapshot.disks().size());
      assertNotEquals(
          snapshot.disk(vm.disks().get(0).key()).changeId(),
          snapshot.disk(second.key()).changeId());
      ChangedAreas areas = session.changedAreas(snapshot, second.key(), "*");
      assertEquals(
          List.of(new DiskExtent(3L * DiskContent.BLOCK, DiskContent.BLOCK)), areas.extents());
      try (DiskReader reader = session.openDiskReader(snapshot, second.key())) {
        assertEquals(DiskContent.sha256(flat2), DiskContent.sha256(DiskContent.readAll(reader, 2)));
      }
    }
  }
}
