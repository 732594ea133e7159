package io.sendense.image.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemoryImageStoreTest extends ImageStoreContract {

  @Override
  ImageStore store() {
    return new MemoryImageStore();
  }

  @Test
  void aCrashKeepsWhatWasSyncedAndSomeOfTheLaterWrites() throws Exception {
    java.util.Set<String> outcomes = new java.util.HashSet<>();
    for (int seed = 0; seed < 50; seed++) {
      MemoryImageStore store = new MemoryImageStore();
      try (ImageChannel ch = store.create("f")) {
        ch.write(ByteBuffer.wrap(new byte[] {1, 1}), 0);
        ch.sync();
        ch.write(ByteBuffer.wrap(new byte[] {2, 2}), 0);
      }
      store.crash(new Random(seed));
      outcomes.add(java.util.Arrays.toString(store.content("f")));
    }
    assertEquals(java.util.Set.of("[1, 1]", "[2, 2]"), outcomes, "whole sectors, old or new");
  }

  @Test
  void injectedFailuresHitEveryOperationUntilRepaired() throws Exception {
    MemoryImageStore store = new MemoryImageStore();
    ImageChannel ch = store.create("f");
    store.failAfter(1, "share gone");
    ch.write(ByteBuffer.wrap(new byte[] {7}), 0);
    IOException e = assertThrows(IOException.class, ch::sync);
    assertEquals("share gone", e.getMessage());
    assertThrows(IOException.class, () -> store.stat("f"));
    store.repair();
    ch.sync();
    assertArrayEquals(new byte[] {7}, store.content("f"));
  }
}
