package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.image.store.MemoryImageStore;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints rewrite the metadata in place: a backup checkpointed after every chunk ends exactly
 * as large as its data plus one copy of its tables, however many checkpoints it made.
 */
class CheckpointSpaceTest {
  private static final int CLUSTER = 64 << 10;
  private static final int CHUNK = 2 << 20;

  @TempDir Path dir;

  @Test
  void manyCheckpointsLeaveNoDeadMetadata() throws Exception {
    int size = 32 << 20;
    Path image = dir.resolve("chunked.qcow2");
    Random random = new Random(5);
    byte[] data = new byte[CHUNK];
    long metadata = 2L * CLUSTER; // header, L1 table
    try (Qcow2Writer w = Qcow2Writer.create(image, Qcow2Options.full(size))) {
      w.checkpoint();
      for (int at = 0; at < size; at += CHUNK) {
        random.nextBytes(data);
        w.write(at, ByteBuffer.wrap(data));
        w.checkpoint();
        long l2 = CLUSTER; // one L2 table maps 512 MiB
        assertEquals(
            metadata + l2 + at + CHUNK,
            Files.size(Qcow2Writer.partialPath(image)),
            "after the checkpoint at " + at);
      }
      w.commit();
    }
    long refcounts = 2L * CLUSTER; // one refcount block, one refcount table cluster
    assertEquals(metadata + CLUSTER + size + refcounts, Files.size(image));
    CheckReport report = Qcow2Checker.check(image);
    assertEquals(true, report.clean(), report.toString());
  }

  @Test
  void aCheckpointWritesOnlyTheTablesThatChanged() throws Exception {
    MemoryImageStore store = new MemoryImageStore();
    int size = 1 << 30;
    try (Qcow2Writer w = Qcow2Writer.create(store, "big.qcow2", Qcow2Options.full(size))) {
      for (int i = 0; i < 2; i++) {
        w.write((long) i << 29, ByteBuffer.wrap(new byte[] {1}));
      }
      w.checkpoint();
      long before = store.bytesWritten();
      w.write(CLUSTER, ByteBuffer.wrap(new byte[] {2}));
      w.checkpoint();
      assertEquals(
          2L * CLUSTER,
          store.bytesWritten() - before,
          "one new data cluster and the one L2 table (of two) that maps it");
    }
  }
}
