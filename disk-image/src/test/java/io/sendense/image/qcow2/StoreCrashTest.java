package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.store.MemoryImageStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Crash safety over any store, as a property: a writer checkpointing after every chunk is cut off
 * after a random number of storage operations (the share drops), then the store loses power (the
 * unsynced writes are kept only in part, torn at sectors). Whatever the moment, either the image is
 * committed and complete, or its partial file resumes from the last checkpoint that returned, and
 * after the lost chunks are written again it reads back exactly as the disk and checks clean.
 */
class StoreCrashTest {
  private static final int CLUSTER = 4096;
  private static final int SIZE = (2 << 20) + 3 * 512;
  private static final String NAME = "vm-1/point.qcow2";
  private static final String PARENT = "vm-1/parent.qcow2";

  private record Write(long offset, byte[] data) {}

  @Test
  void aCrashAtEveryOperationOfAnIncrementalLeavesACommittedOrResumableImage() throws Exception {
    Qcow2Options options =
        Qcow2Options.full(SIZE).withClusterSize(CLUSTER).withBackingFile(Path.of(PARENT));
    List<List<Write>> plan = plan(new Random(1), 4);
    long operations = cleanRun(options, plan, true);
    for (long cut = 0; cut <= operations; cut++) {
      crashAndResume(options, plan, true, cut, new Random(cut));
    }
  }

  @Test
  void aCrashAtEveryOperationOfACompressedFullLeavesACommittedOrResumableImage() throws Exception {
    Qcow2Options options =
        Qcow2Options.full(SIZE).withClusterSize(CLUSTER).withCompression(Compression.ZSTD);
    List<List<Write>> plan = plan(new Random(2), 4);
    long operations = cleanRun(options, plan, false);
    for (long cut = 0; cut <= operations; cut++) {
      crashAndResume(options, plan, false, cut, new Random(cut));
    }
  }

  @Test
  void randomCrashesOfIncrementalAndCompressedImagesResumeCorrectly() throws Exception {
    for (int seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      boolean incremental = seed % 2 == 0;
      Compression compression = seed % 3 == 0 ? Compression.ZSTD : Compression.NONE;
      Qcow2Options options =
          Qcow2Options.full(SIZE).withClusterSize(CLUSTER).withCompression(compression);
      if (incremental) {
        options = options.withBackingFile(Path.of(PARENT));
      }
      List<List<Write>> plan = plan(random, 4 + random.nextInt(6));
      long operations = cleanRun(options, plan, incremental);
      crashAndResume(options, plan, incremental, random.nextLong(operations + 1), random);
    }
  }

  /** Chunks of writes: runs of new data, zeros, unaligned pieces, rewrites of earlier ranges. */
  private static List<List<Write>> plan(Random random, int chunks) {
    List<List<Write>> plan = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      List<Write> chunk = new ArrayList<>();
      for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
        long offset =
            random.nextBoolean()
                ? (long) random.nextInt(SIZE / CLUSTER) * CLUSTER
                : random.nextInt(SIZE);
        int length = (int) Math.min(SIZE - offset, 1 + random.nextInt(30 * CLUSTER));
        byte[] data = new byte[length];
        if (random.nextInt(4) != 0) {
          random.nextBytes(data);
        }
        chunk.add(new Write(offset, data));
      }
      plan.add(chunk);
    }
    return plan;
  }

  /** Runs the plan without faults; returns how many storage operations it took. */
  private static long cleanRun(Qcow2Options options, List<List<Write>> plan, boolean incremental)
      throws IOException {
    MemoryImageStore store = new MemoryImageStore();
    byte[] model = prepare(store, incremental);
    long before = store.operations();
    try (Qcow2Writer w = Qcow2Writer.create(store, NAME, options)) {
      w.checkpoint();
      for (List<Write> chunk : plan) {
        apply(w, chunk, model);
        w.checkpoint();
      }
      w.commit();
    }
    verify(store, model, "clean run");
    return store.operations() - before;
  }

  private static void crashAndResume(
      Qcow2Options options, List<List<Write>> plan, boolean incremental, long cut, Random random)
      throws IOException {
    MemoryImageStore store = new MemoryImageStore();
    byte[] model = prepare(store, incremental);
    String what = "cut after " + cut + " operations";
    store.failAfter(cut, "share dropped");
    int done = -2;
    try (Qcow2Writer w = Qcow2Writer.create(store, NAME, options)) {
      w.checkpoint();
      done = -1;
      for (int c = 0; c < plan.size(); c++) {
        apply(w, plan.get(c), model);
        w.checkpoint();
        done = c;
      }
      w.commit();
    } catch (IOException e) {
      assertEquals("share dropped", e.getMessage(), what);
    }
    store.crash(random);
    if (!store.isFile(NAME)) {
      try (Qcow2Writer w = reopen(store, options, done)) {
        for (int c = Math.max(0, done + 1); c < plan.size(); c++) {
          apply(w, plan.get(c), model);
        }
        w.commit();
      }
    }
    assertTrue(!store.isFile(Qcow2Writer.partialName(NAME)), what + ": partial file left");
    verify(store, model, what);
  }

  /** Resumes after a checkpoint; without one, starts over as a backup job does. */
  private static Qcow2Writer reopen(MemoryImageStore store, Qcow2Options options, int done)
      throws IOException {
    if (done >= -1) {
      return Qcow2Writer.resume(store, NAME, options);
    }
    store.deleteIfExists(Qcow2Writer.partialName(NAME));
    return Qcow2Writer.create(store, NAME, options);
  }

  /** Makes the store's folder and, for an incremental, its parent; returns the disk model. */
  private static byte[] prepare(MemoryImageStore store, boolean incremental) throws IOException {
    store.createDirectories("vm-1");
    byte[] model = new byte[SIZE];
    if (incremental) {
      byte[] parent = TestData.mixed(99, SIZE);
      try (Qcow2Writer w =
          Qcow2Writer.create(store, PARENT, Qcow2Options.full(SIZE).withClusterSize(CLUSTER))) {
        w.write(0, ByteBuffer.wrap(parent));
        w.commit();
      }
      System.arraycopy(parent, 0, model, 0, SIZE);
    }
    return model;
  }

  private static void apply(Qcow2Writer w, List<Write> chunk, byte[] model) throws IOException {
    for (Write write : chunk) {
      System.arraycopy(write.data(), 0, model, (int) write.offset(), write.data().length);
      w.write(write.offset(), ByteBuffer.wrap(write.data()));
    }
  }

  private static void verify(MemoryImageStore store, byte[] model, String what) throws IOException {
    try (Qcow2Chain chain = Qcow2Chain.open(store, NAME)) {
      ByteBuffer all = ByteBuffer.allocate(SIZE);
      chain.read(0, all);
      assertArrayEquals(model, all.array(), what);
    }
    CheckReport report = Qcow2Checker.check(store, NAME);
    assertTrue(report.clean(), what + ": " + report);
  }
}
