package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chains written by {@link Qcow2Writer} are judged by qemu-img: no errors, no leaks, each point
 * identical to the raw disk state it should hold, and the backing chain as written.
 */
class Qcow2WriterQemuIT {
  private static final int SIZE = (12 << 20) + 3 * 512;

  @TempDir Path dir;

  @Test
  void fullAndFiveIncrementalsMatchTheirRawStates() throws Exception {
    writeChain(Qcow2Options.full(SIZE), 11L, 6);
  }

  @Test
  void smallClustersAndZstdChainMatchesRawStates() throws Exception {
    writeChain(
        Qcow2Options.full(SIZE).withClusterSize(4096).withCompression(Compression.ZSTD), 12L, 6);
  }

  @Test
  void largeClusterChainMatchesRawStates() throws Exception {
    writeChain(Qcow2Options.full(SIZE).withClusterSize(2 << 20), 13L, 3);
  }

  @Test
  void resumedIncrementalWithCheckpointsIsCleanForQemu() throws Exception {
    RandomWrites writes = new RandomWrites(14L, SIZE);
    Path base = dir.resolve("base.qcow2");
    try (Qcow2Writer w = Qcow2Writer.create(base, Qcow2Options.full(SIZE))) {
      writes.apply(w, 30, Qcow2Options.DEFAULT_CLUSTER_SIZE);
      w.commit();
    }
    Path top = dir.resolve("top.qcow2");
    Qcow2Options options = Qcow2Options.full(SIZE).withBackingFile(base);
    try (Qcow2Writer w = Qcow2Writer.create(top, options)) {
      writes.apply(w, 20, Qcow2Options.DEFAULT_CLUSTER_SIZE);
      w.checkpoint();
      writes.apply(w, 20, Qcow2Options.DEFAULT_CLUSTER_SIZE);
      w.checkpoint();
    }
    try (Qcow2Writer w = Qcow2Writer.resume(top, options)) {
      writes.apply(w, 20, Qcow2Options.DEFAULT_CLUSTER_SIZE);
      w.commit();
    }
    Path raw = dir.resolve("top.raw");
    writes.saveRaw(raw);
    assertQemuAccepts(top, raw, 2);
    assertTrue(Qcow2Checker.check(top).clean(), Qcow2Checker.check(top).toString());
  }

  @Test
  void checkerAgreesWithQemuOnQemuMadeImages() throws Exception {
    Path raw = Files.write(dir.resolve("q.raw"), TestData.mixed(4, SIZE));
    Path image = dir.resolve("q.qcow2");
    QemuImg.ok("convert", "-c", "-O", "qcow2", raw.toString(), image.toString());
    assertTrue(Qcow2Checker.check(image).clean(), Qcow2Checker.check(image).toString());
    Path top = dir.resolve("t.qcow2");
    QemuImg.ok("create", "-f", "qcow2", "-b", "q.qcow2", "-F", "qcow2", top.toString());
    QemuIo.ok("-c", "write -P 3 5000 70000", "-c", "write -z 1M 64k", top.toString());
    assertTrue(Qcow2Checker.check(top).clean(), Qcow2Checker.check(top).toString());
  }

  private void writeChain(Qcow2Options base, long seed, int points) throws Exception {
    RandomWrites writes = new RandomWrites(seed, SIZE);
    Path parent = null;
    for (int p = 0; p < points; p++) {
      Path image = dir.resolve("point-" + p + ".qcow2");
      Path raw = dir.resolve("point-" + p + ".raw");
      Qcow2Options options = parent == null ? base : base.withBackingFile(parent);
      try (Qcow2Writer writer = Qcow2Writer.create(image, options)) {
        writes.apply(writer, 40, base.clusterSize());
        writer.commit();
      }
      writes.saveRaw(raw);
      assertQemuAccepts(image, raw, p + 1);
      assertReadsBack(image, writes.model());
      parent = image;
    }
  }

  static void assertQemuAccepts(Path image, Path raw, int chainLength) throws Exception {
    QemuImg.Result check = QemuImg.run("check", image.toString());
    assertEquals(0, check.exitCode(), check.output());
    assertTrue(check.output().contains("No errors were found"), check.output());
    assertFalse(check.output().contains("leaked"), check.output());
    String compare =
        QemuImg.ok("compare", "-f", "qcow2", "-F", "raw", image.toString(), raw.toString());
    assertTrue(compare.contains("Images are identical"), compare);
    String info = QemuImg.ok("info", "--backing-chain", "--output=json", image.toString());
    assertEquals(chainLength, info.split("\"filename\"").length - 1, info);
  }

  static void assertReadsBack(Path image, byte[] expected) throws Exception {
    try (Qcow2Chain chain = Qcow2Chain.open(image)) {
      ByteBuffer all = ByteBuffer.allocate(expected.length);
      chain.read(0, all);
      assertArrayEquals(expected, all.array());
    }
    assertFalse(Files.exists(Qcow2Writer.partialPath(image)));
  }
}
