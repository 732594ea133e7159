package io.sendense.image.qcow2;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several threads writing one image at once, each its own interleaved 512-byte sectors (so every
 * cluster gets partial writes from every thread), must not lose any write; and several writers (one
 * per disk) must not disturb each other.
 */
class ConcurrentWriteTest {
  private static final int SIZE = 4 << 20;
  private static final int THREADS = 8;

  @TempDir Path dir;

  @Test
  void threadsWritingSectorsOfTheSameClustersLoseNothing() throws Exception {
    for (Compression c : Compression.values()) {
      if (c == Compression.DEFLATE) {
        continue;
      }
      Path base = dir.resolve("base-" + c + ".qcow2");
      byte[] model = TestData.mixed(5, SIZE);
      try (Qcow2Writer w = Qcow2Writer.create(base, Qcow2Options.full(SIZE))) {
        w.write(0, ByteBuffer.wrap(model.clone()));
        w.commit();
      }
      Path top = dir.resolve("top-" + c + ".qcow2");
      Qcow2Options options = Qcow2Options.full(SIZE).withCompression(c).withBackingFile(base);
      try (Qcow2Writer w = Qcow2Writer.create(top, options)) {
        writeInterleaved(w, model, 9);
        w.commit();
      }
      WriterModelTest.assertModel("compression " + c, top, model, new Random(1));
    }
  }

  @Test
  void oneWriterPerDiskInParallel() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> disks = new ArrayList<>();
      for (int d = 0; d < 4; d++) {
        int disk = d;
        disks.add(pool.submit(() -> writeDisk(disk)));
      }
      for (Future<?> f : disks) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Void writeDisk(int disk) throws Exception {
    byte[] model = TestData.mixed(100 + disk, SIZE);
    Path image = dir.resolve("disk-" + disk + ".qcow2");
    try (Qcow2Writer w = Qcow2Writer.create(image, Qcow2Options.full(SIZE))) {
      for (int off = 0; off < SIZE; off += 300_000) {
        int len = Math.min(300_000, SIZE - off);
        w.write(off, ByteBuffer.wrap(model, off, len));
      }
      w.commit();
    }
    WriterModelTest.assertModel("disk " + disk, image, model, new Random(disk));
    return null;
  }

  private static void writeInterleaved(Qcow2Writer w, byte[] model, long seed) throws Exception {
    Random random = new Random(seed);
    for (int i = 0; i < SIZE; i += 512) {
      if (random.nextInt(3) == 0) {
        for (int k = i; k < i + 512; k++) {
          model[k] = (byte) (random.nextInt(256));
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        parts.add(
            pool.submit(
                () -> {
                  for (int sector = thread; sector < SIZE / 512; sector += THREADS) {
                    w.write(sector * 512L, ByteBuffer.wrap(model, sector * 512, 512));
                  }
                  return null;
                }));
      }
      for (Future<?> f : parts) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
