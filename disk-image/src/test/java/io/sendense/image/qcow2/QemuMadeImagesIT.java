package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images and chains made by qemu-img and qemu-io read back byte-exact through the reader. */
class QemuMadeImagesIT {
  private static final int SIZE = (8 << 20) + 1536;
  private static final Pattern MAP_LINE =
      Pattern.compile(
          "\"start\": (\\d+), \"length\": (\\d+), \"depth\": (\\d+), \"present\": (\\w+),"
              + " \"zero\": (\\w+), \"data\": (\\w+)");

  @TempDir Path dir;

  @Test
  void plainImageReadsBack() throws Exception {
    Path raw = raw("plain.raw", 1);
    Path image = dir.resolve("plain.qcow2");
    QemuImg.ok("convert", "-f", "raw", "-O", "qcow2", raw.toString(), image.toString());
    assertChainReads(image, Files.readAllBytes(raw));
  }

  @Test
  void zlibCompressedImageReadsBack() throws Exception {
    assertCompressedReads("zlib");
  }

  @Test
  void zstdCompressedImageReadsBack() throws Exception {
    assertCompressedReads("zstd");
  }

  private void assertCompressedReads(String type) throws Exception {
    Path raw = raw(type + ".raw", 2);
    Path image = dir.resolve(type + ".qcow2");
    QemuImg.ok(
        "convert",
        "-c",
        "-f",
        "raw",
        "-O",
        "qcow2",
        "-o",
        "compression_type=" + type,
        raw.toString(),
        image.toString());
    String map = QemuImg.ok("map", "--output=json", image.toString());
    assertTrue(map.contains("\"data\": true}"), "expected compressed clusters in:\n" + map);
    assertChainReads(image, Files.readAllBytes(raw));
  }

  @Test
  void chainWithZeroClustersAndMixedClusterSizesReadsBack() throws Exception {
    Path raw = raw("base.raw", 3);
    Path base = dir.resolve("base.qcow2");
    QemuImg.ok(
        "convert",
        "-f",
        "raw",
        "-O",
        "qcow2",
        "-o",
        "cluster_size=4096",
        raw.toString(),
        base.toString());
    Path mid = dir.resolve("mid.qcow2");
    QemuImg.ok("create", "-f", "qcow2", "-b", "base.qcow2", "-F", "qcow2", mid.toString());
    qemuIo(mid, "write -P 0x5a 100000 3000", "write -z 65536 131072", "write -c -P 7 1M 64k");
    Path top = dir.resolve("top.qcow2");
    QemuImg.ok(
        "create",
        "-f",
        "qcow2",
        "-o",
        "cluster_size=16384",
        "-b",
        "mid.qcow2",
        "-F",
        "qcow2",
        top.toString());
    qemuIo(
        top,
        "write -P 0x11 4096 8192",
        "write -z 1M 16k",
        "write -P 0x22 " + (SIZE - 700) + " 700");
    byte[] expected = Files.readAllBytes(raw);
    fill(expected, 100000, 3000, 0x5a);
    fill(expected, 65536, 131072, 0);
    fill(expected, 1 << 20, 65536, 7);
    fill(expected, 4096, 8192, 0x11);
    fill(expected, 1 << 20, 16384, 0);
    fill(expected, SIZE - 700, 700, 0x22);
    assertChainReads(top, expected);
  }

  private void assertChainReads(Path image, byte[] expected) throws Exception {
    try (Qcow2Chain chain = Qcow2Chain.open(image)) {
      assertEquals(expected.length, chain.virtualSize());
      ByteBuffer all = ByteBuffer.allocate(expected.length);
      chain.read(0, all);
      assertArrayEquals(expected, all.array());
      ByteBuffer piece = ByteBuffer.allocate(70000);
      chain.read(12345, piece);
      assertArrayEquals(Arrays.copyOfRange(expected, 12345, 12345 + 70000), piece.array());
      assertMapMatchesQemu(image, chain.map());
    }
  }

  /** Every 512-byte sector is classified alike by qemu-img map and by our map. */
  private static void assertMapMatchesQemu(Path image, AllocationMap ours) throws Exception {
    int sectors = (int) (ours.virtualSize() / 512);
    String[] expected = new String[sectors];
    Matcher m = MAP_LINE.matcher(QemuImg.ok("map", "--output=json", image.toString()));
    while (m.find()) {
      String kind =
          m.group(4).equals("false")
              ? null
              : m.group(6).equals("true") ? "data@" + m.group(3) : "zero@" + m.group(3);
      long start = Long.parseLong(m.group(1));
      Arrays.fill(
          expected, (int) (start / 512), (int) ((start + Long.parseLong(m.group(2))) / 512), kind);
    }
    String[] actual = new String[sectors];
    for (AllocatedRange r : ours.ranges()) {
      Arrays.fill(
          actual,
          (int) (r.start() / 512),
          (int) (r.end() / 512),
          (r.zero() ? "zero@" : "data@") + r.depth());
    }
    assertArrayEquals(expected, actual);
  }

  private Path raw(String name, long seed) throws Exception {
    return Files.write(dir.resolve(name), TestData.mixed(seed, SIZE));
  }

  private static void qemuIo(Path image, String... commands) throws Exception {
    String[] args = new String[commands.length * 2 + 1];
    for (int i = 0; i < commands.length; i++) {
      args[2 * i] = "-c";
      args[2 * i + 1] = commands[i];
    }
    args[args.length - 1] = image.toString();
    QemuIo.ok(args);
  }

  private static void fill(byte[] data, int from, int length, int value) {
    Arrays.fill(data, from, from + length, (byte) value);
  }
}
