package io.sendense.image.guest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Partitioned test disks shared by the library and tool tests. */
public final class TestDisks {
  private static final long MIB = GuestImages.MIB;

  private TestDisks() {}

  /** ext4 (1), swap (2), extended (3) holding FAT16 (5) and ext3 (6). */
  public static Path mbrDisk(Path dir) throws Exception {
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
  public static Path gptDisk(Path dir) throws Exception {
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

  /** Partition number to {start, size} in sectors, as {@code sfdisk -d} reports them. */
  public static Map<Integer, long[]> sfdiskLayout(Path disk) throws Exception {
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

  /** Three versions of a folder and the points p1 <- p2 <- p3 of a disk holding each. */
  public record Chain(List<Path> versions, List<Path> points) {}

  public static Chain chain(Path dir) throws Exception {
    Path v1 =
        ContentTree.build(
            dir.resolve("v1"), new ContentTree.Spec(300, 8, 6 * GuestImages.MIB, true, true), 31);
    Path v2 = copy(v1, dir.resolve("v2"));
    Files.writeString(v2.resolve("added in v2.txt"), "new in the second point\n");
    Files.delete(v2.resolve("SHORT.TXT"));
    Files.write(
        v2.resolve("big.bin"),
        ContentTree.bytes(new java.util.Random(32), 5 * (int) GuestImages.MIB));
    Path v3 = copy(v2, dir.resolve("v3"));
    Files.writeString(v3.resolve("many/f00000.txt"), "rewritten in v3\n");
    Files.delete(v3.resolve("added in v2.txt"));
    Files.createDirectories(v3.resolve("new folder/inner"));
    Files.writeString(v3.resolve("new folder/inner/" + ContentTree.UNICODE_NAME), "v3 ✓\n");
    List<Path> versions = List.of(v1, v2, v3);
    List<Path> points = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path raw = disk(dir, versions.get(i), "v" + (i + 1));
      Path point = dir.resolve("p" + (i + 1) + ".qcow2");
      if (i == 0) {
        GuestImages.qemuImg(
            "convert", "-f", "raw", "-O", "qcow2", raw.toString(), point.toString());
      } else {
        GuestImages.qemuImg(
            "convert",
            "-f",
            "raw",
            "-O",
            "qcow2",
            "-B",
            points.get(i - 1).toString(),
            "-F",
            "qcow2",
            raw.toString(),
            point.toString());
      }
      points.add(point);
    }
    return new Chain(versions, points);
  }

  /** A GPT disk with a 1 MiB gap and one ext4 partition holding {@code folder}. */
  private static Path disk(Path dir, Path folder, String name) throws Exception {
    Path disk =
        GuestImages.disk(
            dir.resolve(name + ".raw"),
            48 * GuestImages.MIB,
            "label: gpt\nstart=2048, size=81920, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4,"
                + " name=\"root\"\n");
    Path fs =
        GuestImages.ext(dir.resolve(name + ".ext4"), "ext4", 40 * GuestImages.MIB, folder, "root");
    GuestImages.place(disk, fs, 2048 * 512);
    return disk;
  }

  private static Path copy(Path from, Path to) throws Exception {
    GuestImages.run(List.of("cp", "-a", from.toString(), to.toString()), Map.of());
    return to;
  }
}
