package io.sendense.image.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.guest.partition.Partition;
import io.sendense.image.guest.partition.PartitionTable;
import io.sendense.image.qcow2.RawFileSource;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    Path disk = mbrDisk(dir);
    Map<Integer, long[]> expected = sfdiskLayout(disk);
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
            "Partition 1 - boot (16.0 MB, EXT4)",
            "Partition 2 (8.0 MB, Swap)",
            "Partition 5 - DOSDATA (12.0 MB, FAT16)",
            "Partition 6 - logical6 (16.0 MB, EXT3)"),
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
    Path disk = gptDisk(dir);
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
            "Partition 1 - ESP (8.0 MB, FAT16)",
            "Partition 2 - rootfs (32.0 MB, EXT4)",
            "Partition 3 - swap (4.0 MB, Swap)",
            "Partition 4 - Data (8.0 MB, Unknown)",
            "Partition 5 - broken (8.0 MB, Unknown)"),
        guest.volumes().stream().map(Volume::displayName).toList());
    assertEquals("unknown: no file system recognised", guest.volume("4").reason());
    Volume broken = guest.volume("5");
    assertEquals(Volume.Status.CORRUPT, broken.status());
    assertTrue(broken.reason().startsWith("corrupt: ext: ext superblock: "), broken.reason());
    assertEquals(2048L * 512, guest.volume("1").offset());
  }

  @Test
  void damagedPrimaryGptFallsBackToTheBackupAndBothDamagedFails() throws Exception {
    Path disk = gptDisk(dir);
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

  /** ext4 (1), swap (2), extended (3) holding FAT16 (5) and ext3 (6). */
  static Path mbrDisk(Path dir) throws Exception {
    Path disk =
        GuestImages.disk(
            dir.resolve("mbr.raw"),
            64 * MIB,
            String.join(
                "\n",
                "label: dos",
                "DISK1 : start=2048, size=32768, type=83, bootable",
                "DISK2 : size=16384, type=82",
                "DISK3 : size=65536, type=5",
                "DISK5 : size=24576, type=6",
                "DISK6 : size=32768, type=83",
                ""));
    Map<Integer, long[]> layout = sfdiskLayout(disk);
    Path c1 =
        ContentTree.build(dir.resolve("c1"), new ContentTree.Spec(20, 3, 100_000, false, true), 21);
    GuestImages.place(
        disk,
        GuestImages.ext(dir.resolve("p1.img"), "ext4", 16 * MIB, c1, "boot"),
        layout.get(1)[0] * 512);
    Path swap = dir.resolve("swap.img");
    try (RandomAccessFile f = new RandomAccessFile(swap.toFile(), "rw")) {
      f.setLength(8 * MIB);
    }
    GuestImages.run(
        List.of(GuestImages.tool("mkswap", "util-linux").toString(), swap.toString()), Map.of());
    GuestImages.place(disk, swap, layout.get(2)[0] * 512);
    Path c5 =
        ContentTree.build(dir.resolve("c5"), new ContentTree.Spec(10, 2, 10_000, false, false), 22);
    GuestImages.place(
        disk,
        GuestImages.fat(dir.resolve("p5.img"), 16, 12 * MIB, c5, "DOSDATA"),
        layout.get(5)[0] * 512);
    Path c6 = Files.createDirectories(dir.resolve("c6"));
    Files.writeString(c6.resolve("hello.txt"), "logical six\n");
    GuestImages.place(
        disk,
        GuestImages.ext(dir.resolve("p6.img"), "ext3", 16 * MIB, c6, "logical6"),
        layout.get(6)[0] * 512);
    return disk;
  }

  /** EFI (FAT16), root (ext4), swap (type only), Data (blank), broken (ext4, bad superblock). */
  static Path gptDisk(Path dir) throws Exception {
    Path disk =
        GuestImages.disk(
            dir.resolve("gpt.raw"),
            72 * MIB,
            String.join(
                "\n",
                "label: gpt",
                "start=2048, size=16384, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B,"
                    + " name=\"EFI system partition\"",
                "size=65536, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name=\"root\"",
                "size=8192, type=0657FD6D-A4AB-43C4-84E5-0933C84B4F4F, name=\"swap\"",
                "size=16384, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7, name=\"Data\"",
                "size=16384, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name=\"broken\"",
                ""));
    Map<Integer, long[]> layout = sfdiskLayout(disk);
    Path c1 = ContentTree.build(dir.resolve("c1"), new ContentTree.Spec(5, 1, 0, false, false), 23);
    GuestImages.place(
        disk,
        GuestImages.fat(dir.resolve("esp.img"), 16, 8 * MIB, c1, "ESP"),
        layout.get(1)[0] * 512);
    Path c2 =
        ContentTree.build(dir.resolve("c2"), new ContentTree.Spec(50, 5, MIB, true, true), 24);
    GuestImages.place(
        disk,
        GuestImages.ext(dir.resolve("root.img"), "ext4", 32 * MIB, c2, "rootfs"),
        layout.get(2)[0] * 512);
    Path broken = GuestImages.ext(dir.resolve("broken.img"), "ext4", 8 * MIB, null, "broken");
    try (RandomAccessFile f = new RandomAccessFile(broken.toFile(), "rw")) {
      f.seek(1024 + 4);
      f.write(new byte[] {0, 0, 0, 0x40});
    }
    GuestImages.place(disk, broken, layout.get(5)[0] * 512);
    return disk;
  }

  static GuestDisk open(Path disk) throws Exception {
    return GuestDisk.open(BlockDevice.of(new RawFileSource(disk)));
  }

  /** Partition number to {start, size} in sectors, as {@code sfdisk -d} reports them. */
  static Map<Integer, long[]> sfdiskLayout(Path disk) throws Exception {
    String dump =
        GuestImages.run(
            List.of(GuestImages.tool("sfdisk", "fdisk").toString(), "-d", disk.toString()),
            Map.of());
    Map<Integer, long[]> out = new TreeMap<>();
    Matcher m = Pattern.compile("raw(\\d+) : start=\\s*(\\d+), size=\\s*(\\d+)").matcher(dump);
    while (m.find()) {
      out.put(
          Integer.parseInt(m.group(1)),
          new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
    }
    assertTrue(out.size() >= 4, dump);
    return out;
  }
}
