package io.sendense.image.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.guest.partition.Partition;
import io.sendense.image.guest.partition.PartitionTable;
import io.sendense.image.qcow2.RawFileSource;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disks partitioned by sfdisk (MBR with logical partitions, GPT with names) read as the same
 * partitions sfdisk reports, each with the file system placed on it, a name an admin can read, and
 * a status for what cannot be browsed.
 */
class PartitionLayoutIT {
  private static final long MIB = GuestImages.MIB;

  @TempDir Path dir;

  @Test
  void mbrWithExtendedPartitionListsPrimaryAndLogicalVolumes() throws Exception {
    Path disk = TestDisks.mbrDisk(dir);
    Map<Integer, long[]> expected = TestDisks.sfdiskLayout(disk);
    GuestDisk guest = open(disk);
    assertEquals(PartitionTable.Scheme.MBR, guest.scheme());
    assertEquals(List.of(), guest.warnings());
    assertEquals(List.of(1, 2, 5, 6), guest.partitions().stream().map(Partition::number).toList());
    for (Partition p : guest.partitions()) {
      assertEquals(expected.get(p.number())[0] * 512, p.offset(), "offset of " + p.number());
      assertEquals(expected.get(p.number())[1] * 512, p.size(), "size of " + p.number());
    }
    assertEquals(
        List.of(
            "Partition 1 - boot (16.0 MiB, EXT4)",
            "Partition 2 (8.0 MiB, Swap)",
            "Partition 5 - DOSDATA (12.0 MiB, FAT16)",
            "Partition 6 - logical6 (16.0 MiB, EXT3)"),
        guest.volumes().stream().map(Volume::displayName).toList());
    assertEquals(
        List.of(
            Volume.Status.READABLE,
            Volume.Status.SWAP,
            Volume.Status.READABLE,
            Volume.Status.READABLE),
        guest.volumes().stream().map(Volume::status).toList());
    assertEquals("Linux swap", guest.volume("2").typeName());
    try (InputStream in = guest.volume("6").fileSystem().open(GuestPath.parse("hello.txt"))) {
      assertEquals("logical six\n", new String(in.readAllBytes()));
    }
    IllegalArgumentException wrong =
        assertThrows(IllegalArgumentException.class, () -> guest.volume("3"));
    assertEquals("No volume '3' on this disk; its volumes are: 1, 2, 5, 6", wrong.getMessage());
  }

  @Test
  void gptGivesNamesTypesAndAStatusForEveryPartition() throws Exception {
    Path disk = TestDisks.gptDisk(dir);
    GuestDisk guest = open(disk);
    assertEquals(PartitionTable.Scheme.GPT, guest.scheme());
    assertEquals(
        List.of(
            "EFI System",
            "Linux filesystem",
            "Linux swap",
            "Microsoft basic data",
            "Linux filesystem"),
        guest.partitions().stream().map(Partition::typeName).toList());
    assertEquals(
        List.of("EFI system partition", "root", "swap", "Data", "broken"),
        guest.partitions().stream().map(Partition::name).toList());
    assertEquals(
        List.of(
            "Partition 1 - ESP (8.0 MiB, FAT16)",
            "Partition 2 - rootfs (32.0 MiB, EXT4)",
            "Partition 3 - swap (4.0 MiB, Swap)",
            "Partition 4 - Data (8.0 MiB, Unknown)",
            "Partition 5 - broken (8.0 MiB, Unknown)"),
        guest.volumes().stream().map(Volume::displayName).toList());
    assertEquals("unknown: no file system recognised", guest.volume("4").reason());
    Volume broken = guest.volume("5");
    assertEquals(Volume.Status.CORRUPT, broken.status());
    assertTrue(broken.reason().startsWith("corrupt: ext: ext superblock: "), broken.reason());
    assertEquals(2048L * 512, guest.volume("1").offset());
  }

  @Test
  void damagedPrimaryGptFallsBackToTheBackupAndBothDamagedFails() throws Exception {
    Path disk = TestDisks.gptDisk(dir);
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      f.seek(512 + 40);
      f.write(0x7f);
    }
    GuestDisk guest = open(disk);
    assertEquals(5, guest.partitions().size());
    assertTrue(
        guest.warnings().get(0).startsWith("Primary GPT is damaged (header at LBA 1"),
        guest.warnings().toString());
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      f.seek(f.length() - 512 + 40);
      f.write(0x7f);
    }
    GuestFsException both = assertThrows(GuestFsException.class, () -> open(disk));
    assertTrue(both.getMessage().startsWith("GPT: no valid header"), both.getMessage());
  }

  static GuestDisk open(Path disk) throws Exception {
    return GuestDisk.open(BlockDevice.of(new RawFileSource(disk)));
  }
}
