package io.sendense.plugin.testkit;

import static io.sendense.plugin.testkit.TestData.random;
import static io.sendense.plugin.testkit.TestData.read;
import static io.sendense.plugin.testkit.TestData.sha256;
import static io.sendense.plugin.testkit.TestData.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Contract: several threads writing at once, into one shared handle or into separate files, never
 * corrupt each other's data. Blocks are larger than 1 MiB on purpose: protocols that split large
 * writes must not let the pieces interleave with other threads' writes.
 */
public interface ConcurrencyContract extends StorageFixture {

  int THREADS = 4;
  int BLOCKS_PER_THREAD = 3;
  int BLOCK = 2 * 1024 * 1024 + 333;

  @Test
  default void concurrentWritersToOneHandleKeepEveryBlockIntact() throws Exception {
    byte[] expected = new byte[THREADS * BLOCKS_PER_THREAD * BLOCK];
    try (StorageFile file = storage().create(dir().resolve("shared.bin"))) {
      runInParallel(
          thread -> {
            for (int i = 0; i < BLOCKS_PER_THREAD; i++) {
              int index = i * THREADS + thread;
              byte[] block = random(BLOCK, 100 + index);
              write(file, block, (long) index * BLOCK);
            }
          });
      for (int index = 0; index < THREADS * BLOCKS_PER_THREAD; index++) {
        System.arraycopy(random(BLOCK, 100 + index), 0, expected, index * BLOCK, BLOCK);
      }
      file.sync();
      assertEquals(sha256(expected), sha256(read(file, 0, expected.length)));
    }
  }

  @Test
  default void concurrentWritersToSeparateFilesKeepEachFileIntact() throws Exception {
    runInParallel(
        thread -> {
          try (StorageFile file = storage().create(dir().resolve("own-" + thread + ".bin"))) {
            for (int i = 0; i < BLOCKS_PER_THREAD; i++) {
              write(file, random(BLOCK, 200 + thread * 10 + i), (long) i * BLOCK);
            }
            file.sync();
          }
        });
    for (int thread = 0; thread < THREADS; thread++) {
      StoragePath path = dir().resolve("own-" + thread + ".bin");
      try (StorageFile file = storage().open(path, false)) {
        for (int i = 0; i < BLOCKS_PER_THREAD; i++) {
          byte[] expected = random(BLOCK, 200 + thread * 10 + i);
          assertEquals(
              sha256(expected), sha256(read(file, (long) i * BLOCK, BLOCK)), path + "#" + i);
        }
      }
    }
  }

  /** Work of one thread, given its number. */
  interface ThreadWork {
    void run(int thread) throws Exception;
  }

  private static void runInParallel(ThreadWork work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  work.run(thread);
                  return null;
                }));
      }
      for (Future<Object> future : futures) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
