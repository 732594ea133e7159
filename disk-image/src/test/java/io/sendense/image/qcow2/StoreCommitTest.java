package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.store.MemoryImageStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A restore point merged out of its chain on a store other than a local folder, as the hub does on
 * NFS and SMB repositories: the next point's clusters committed into the oldest point's file, the
 * point above re-pointed to it, the next point's file deleted. The store drops after every possible
 * number of operations and then loses its unsynced writes (torn at sectors); at that moment both
 * remaining points still read exactly as they were taken, and running the merge again finishes it
 * with every file checking clean.
 */
class StoreCommitTest {
  private static final int CLUSTER = 4096;
  private static final int SIZE = (1 << 20) + 3 * 512;
  private static final String FULL = "vm-1/p0.qcow2";
  private static final String INC1 = "vm-1/p1.qcow2";
  private static final String INC2 = "vm-1/p2.qcow2";

  @Test
  void aMergeCutOffAtEveryStorageOperationKeepsEveryPointAndFinishesWhenRunAgain()
      throws Exception {
    long operations;
    {
      Setup clean = Setup.write();
      long before = clean.store.operations();
      merge(clean.store);
      operations = clean.store.operations() - before;
      clean.assertMerged("clean run");
    }
    assertTrue(operations > 10, "a merge takes more than " + operations + " operations");
    for (long cut = 0; cut < operations; cut++) {
      String what = "cut after " + cut + " of " + operations + " operations";
      Setup s = Setup.write();
      s.store.failAfter(cut, "share dropped");
      try {
        merge(s.store);
      } catch (IOException e) {
        assertEquals("share dropped", e.getMessage(), what);
      }
      s.store.crash(new Random(cut));
      s.assertReads(INC1, s.point1, what + ": the next point");
      s.assertReads(INC2, s.point2, what + ": the newest point");
      merge(s.store);
      s.assertMerged(what);
    }
  }

  /** The hub's steps for one disk (a journal would skip the ones recorded as done). */
  private static void merge(MemoryImageStore store) throws IOException {
    if (store.isFile(INC1)) {
      ImageCommit.commit(store, INC1, FULL, null);
      BackingFile.rebase(store, INC2, FULL);
      store.deleteIfExists(INC1);
      store.syncFolder("vm-1");
    }
  }

  private record Setup(MemoryImageStore store, byte[] point1, byte[] point2) {
    static Setup write() throws IOException {
      MemoryImageStore store = new MemoryImageStore();
      store.createDirectories("vm-1");
      Random random = new Random(7);
      byte[] disk = TestData.mixed(3, SIZE);
      writeFull(store, disk);
      byte[] point1 = change(random, disk, store, INC1, FULL);
      byte[] point2 = change(random, point1.clone(), store, INC2, INC1);
      return new Setup(store, point1, point2);
    }

    /** Writes an incremental with some runs changed (data and zeros); returns the new disk. */
    private static byte[] change(
        Random random, byte[] disk, MemoryImageStore store, String name, String parent)
        throws IOException {
      Qcow2Options options =
          Qcow2Options.full(SIZE).withClusterSize(CLUSTER).withBackingFile(Path.of(parent));
      try (Qcow2Writer w = Qcow2Writer.create(store, name, options)) {
        for (int i = 0; i < 12; i++) {
          int offset = random.nextInt(SIZE - 1);
          int length = Math.min(SIZE - offset, 1 + random.nextInt(12 * CLUSTER));
          byte[] data = new byte[length];
          if (i % 4 != 0) {
            random.nextBytes(data);
          }
          System.arraycopy(data, 0, disk, offset, length);
          w.write(offset, ByteBuffer.wrap(data));
        }
        w.commit();
      }
      return disk;
    }

    private static void writeFull(MemoryImageStore store, byte[] disk) throws IOException {
      try (Qcow2Writer w =
          Qcow2Writer.create(store, FULL, Qcow2Options.full(SIZE).withClusterSize(CLUSTER))) {
        w.write(0, ByteBuffer.wrap(disk));
        w.commit();
      }
    }

    void assertReads(String top, byte[] expected, String what) throws IOException {
      String name = store.isFile(top) ? top : FULL;
      try (Qcow2Chain chain = Qcow2Chain.open(store, name)) {
        ByteBuffer all = ByteBuffer.allocate(SIZE);
        chain.read(0, all);
        assertArrayEquals(expected, all.array(), what + " (" + name + ")");
      }
    }

    void assertMerged(String what) throws IOException {
      assertFalse(store.isFile(INC1), what + ": the merged point's file is left");
      assertEquals("p0.qcow2", BackingFile.of(store, INC2), what);
      assertReads(FULL, point1, what + ": the survivor");
      assertReads(INC2, point2, what + ": the newest point");
      for (String name : new String[] {FULL, INC2}) {
        CheckReport report = Qcow2Checker.check(store, name);
        assertTrue(report.clean(), what + ": " + name + ": " + report);
      }
    }
  }
}
