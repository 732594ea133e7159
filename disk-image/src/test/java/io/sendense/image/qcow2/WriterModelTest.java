package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test: for many seeds, random write sequences over random settings (cluster size,
 * compression, chain length) read back equal to an in-memory model, as a whole and by ranges.
 */
class WriterModelTest {
  private static final int[] CLUSTERS = {4096, 16384, 65536};

  @TempDir Path dir;

  @Test
  void randomWriteSequencesReadBackLikeTheModel() throws Exception {
    for (long seed = 1; seed <= 25; seed++) {
      checkSeed(seed);
    }
  }

  private void checkSeed(long seed) throws Exception {
    Random random = new Random(seed);
    int cluster = CLUSTERS[random.nextInt(CLUSTERS.length)];
    int size = (1 << 20) + 512 * random.nextInt(300);
    Compression compression = random.nextBoolean() ? Compression.ZSTD : Compression.NONE;
    Qcow2Options base =
        Qcow2Options.full(size).withClusterSize(cluster).withCompression(compression);
    RandomWrites writes = new RandomWrites(seed, size);
    Path parent = null;
    int points = 1 + random.nextInt(3);
    for (int p = 0; p < points; p++) {
      Path image = dir.resolve("s" + seed + "-" + p + ".qcow2");
      try (Qcow2Writer w =
          Qcow2Writer.create(image, parent == null ? base : base.withBackingFile(parent))) {
        writes.apply(w, 5 + random.nextInt(30), cluster);
        w.commit();
      }
      assertModel("seed " + seed + " point " + p, image, writes.model(), random);
      parent = image;
    }
  }

  static void assertModel(String what, Path image, byte[] model, Random random) throws Exception {
    try (Qcow2Chain chain = Qcow2Chain.open(image)) {
      ByteBuffer all = ByteBuffer.allocate(model.length);
      chain.read(0, all);
      assertArrayEquals(model, all.array(), what);
      for (int i = 0; i < 20; i++) {
        int from = random.nextInt(model.length);
        int len = random.nextInt(model.length - from + 1);
        ByteBuffer part = ByteBuffer.allocate(len);
        chain.read(from, part);
        assertArrayEquals(Arrays.copyOfRange(model, from, from + len), part.array(), what);
      }
      assertTrue(Qcow2Checker.check(image).clean(), what + ": " + Qcow2Checker.check(image));
    }
  }
}
