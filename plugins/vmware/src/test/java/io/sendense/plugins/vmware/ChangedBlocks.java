package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.sendense.plugin.api.source.DiskExtent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** The blocks an incremental test changes between two snapshots, and what CBT must report. */
final class ChangedBlocks {

  static final int BLOCK = DiskContent.BLOCK;

  /** One whole block at 2 MiB, three blocks at 30 MiB, and 10 bytes inside the block at 50 MiB. */
  static final List<DiskExtent> EXPECTED =
      List.of(
          new DiskExtent(2 << 20, BLOCK),
          new DiskExtent(30 << 20, 3 * BLOCK),
          new DiskExtent(50 << 20, BLOCK));

  private ChangedBlocks() {}

  static void change(Path flat) throws IOException {
    Random random = new Random(99);
    try (RandomAccessFile file = new RandomAccessFile(flat.toFile(), "rw")) {
      DiskContent.write(file, 2 << 20, DiskContent.randomBytes(random, BLOCK));
      DiskContent.write(file, 30 << 20, DiskContent.randomBytes(random, 3 * BLOCK));
      DiskContent.write(file, (50 << 20) + 5, DiskContent.randomBytes(random, 10));
    }
  }

  /** Writes random data into block {@code index} of an otherwise untouched disk. */
  static void writeBlock(Path flat, int index) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(flat.toFile(), "rw")) {
      DiskContent.write(
          file, (long) index * BLOCK, DiskContent.randomBytes(new Random(index), BLOCK));
    }
  }

  /** Change ids "epoch/sequence": same epoch, sequence one further per snapshot. */
  static void assertAdvanced(String earlier, String later) {
    assertNotEquals(earlier, later);
    String[] a = earlier.split("/");
    String[] b = later.split("/");
    assertEquals(a[0], b[0]);
    assertEquals(Integer.parseInt(a[1]) + 1, Integer.parseInt(b[1]));
  }
}
