package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.LocalImageStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-ahead hash pass gives the file's SHA-256 whatever its size and the buffer's. */
class FileDigestTest {
  private static final int BUFFER = 4096;

  @TempDir Path dir;

  @Test
  void hashEqualsTheWholeFilesSha256AtEverySizeAroundTheBuffer() throws Exception {
    LocalImageStore store = new LocalImageStore(dir);
    Random random = new Random(14);
    for (int size : new int[] {0, 1, BUFFER - 1, BUFFER, BUFFER + 1, 3 * BUFFER + 17}) {
      byte[] data = new byte[size];
      random.nextBytes(data);
      Files.write(dir.resolve("f" + size), data);
      byte[] expected = MessageDigest.getInstance("SHA-256").digest(data);
      try (ImageChannel ch = store.open("f" + size, false)) {
        assertArrayEquals(expected, FileDigest.sha256(ch, BUFFER), "size " + size);
      }
    }
  }

  @Test
  void imageFactsHashIsWhatSha256sumPrints() throws Exception {
    byte[] data = new byte[(4 << 20) * 2 + 12345];
    new Random(15).nextBytes(data);
    Path file = dir.resolve("big");
    Files.write(file, data);
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)),
        ImageFacts.sha256(file));
  }

  @Test
  void aFailedReadFailsTheHash() throws Exception {
    Files.write(dir.resolve("f"), new byte[3 * BUFFER]);
    try (ImageChannel ch = new LocalImageStore(dir).open("f", false)) {
      ImageChannel failing = new FailingAfter(ch, 2 * BUFFER);
      IOException e = assertThrows(IOException.class, () -> FileDigest.sha256(failing, BUFFER));
      assertEquals("disk gone", e.getMessage());
    }
  }

  /** Reads normally below {@code limit}, fails at or above it. */
  private record FailingAfter(ImageChannel inner, long limit) implements ImageChannel {
    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      if (position >= limit) {
        throw new IOException("disk gone");
      }
      return inner.read(dst, position);
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public long size() throws IOException {
      return inner.size();
    }

    @Override
    public void truncate(long size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void sync() {}

    @Override
    public void close() throws IOException {
      inner.close();
    }
  }
}
