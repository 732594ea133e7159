package io.sendense.plugin.testkit;

import static io.sendense.plugin.testkit.TestData.random;
import static io.sendense.plugin.testkit.TestData.read;
import static io.sendense.plugin.testkit.TestData.sha256;
import static io.sendense.plugin.testkit.TestData.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Contract: what is written reads back byte for byte, at any position, also past 4 GiB. */
public interface ReadWriteContract extends StorageFixture {

  long FIVE_GIB = 5L << 30;

  @Test
  default void writtenBytesReadBackAfterReopen() throws Exception {
    StoragePath path = dir().resolve("full.bin");
    byte[] data = random(3 * 1024 * 1024 + 4321, 1);
    try (StorageFile file = storage().create(path)) {
      write(file, data, 0);
      file.sync();
    }
    try (StorageFile file = storage().open(path, false)) {
      assertEquals(data.length, file.size());
      assertEquals(sha256(data), sha256(read(file, 0, data.length)));
      assertEquals(-1, file.read(ByteBuffer.allocate(10), data.length));
    }
  }

  @Test
  default void randomAccessWritesLandAtTheirOffsetsAndHolesReadAsZeros() throws Exception {
    byte[] a = random(4096, 2);
    byte[] b = random(70_000, 3);
    try (StorageFile file = storage().create(dir().resolve("random.bin"))) {
      write(file, b, 200_000);
      write(file, a, 10);
      write(file, a, 199_000);
      assertEquals(270_000, file.size());
      assertArrayEquals(a, read(file, 10, a.length));
      assertArrayEquals(a, read(file, 199_000, a.length));
      assertArrayEquals(slice(b, 3096, b.length), read(file, 203_096, b.length - 3096));
      assertArrayEquals(new byte[10], read(file, 0, 10));
      assertArrayEquals(new byte[1000], read(file, 150_000, 1000));
      byte[] seam = read(file, 199_000 + 4000, 200);
      assertArrayEquals(slice(a, 4000, 4096), slice(seam, 0, 96));
      assertArrayEquals(slice(b, 3096, 3200), slice(seam, 96, 200));
    }
  }

  private static byte[] slice(byte[] data, int from, int to) {
    return Arrays.copyOfRange(data, from, to);
  }

  @Test
  default void offsetsBeyondFourGibWorkInSparseFiles() throws Exception {
    byte[] head = random(1000, 4);
    byte[] tail = random(65_536 + 7, 5);
    try (StorageFile file = storage().create(dir().resolve("large.bin"))) {
      write(file, head, 0);
      write(file, tail, FIVE_GIB + 123);
      file.sync();
      assertEquals(FIVE_GIB + 123 + tail.length, file.size());
    }
    try (StorageFile file = storage().open(dir().resolve("large.bin"), false)) {
      assertArrayEquals(tail, read(file, FIVE_GIB + 123, tail.length));
      assertArrayEquals(head, read(file, 0, head.length));
      assertArrayEquals(new byte[512], read(file, (4L << 30) + 1, 512));
    }
  }

  @Test
  default void truncateShrinksAndExtendsWithZeros() throws Exception {
    byte[] data = random(10_000, 6);
    try (StorageFile file = storage().create(dir().resolve("trunc.bin"))) {
      write(file, data, 0);
      file.truncate(4000);
      assertEquals(4000, file.size());
      file.truncate(8000);
      assertEquals(8000, file.size());
      assertArrayEquals(Arrays.copyOf(data, 4000), read(file, 0, 4000));
      assertArrayEquals(new byte[4000], read(file, 4000, 4000));
    }
  }

  @Test
  default void readOnlyHandlesRefuseWrites() throws Exception {
    StoragePath path = dir().resolve("ro.bin");
    storage().create(path).close();
    try (StorageFile file = storage().open(path, false)) {
      assertThrows(StorageException.class, () -> write(file, new byte[] {1}, 0));
    }
    assertEquals(0, storage().stat(path).orElseThrow().size());
  }
}
