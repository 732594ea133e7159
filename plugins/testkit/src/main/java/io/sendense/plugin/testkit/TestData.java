package io.sendense.plugin.testkit;

import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Deterministic test content and the read/write/hash helpers the contract tests share. */
public final class TestData {

  private TestData() {}

  /** {@code size} pseudo-random bytes, the same for the same seed. */
  public static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < size; i += 8) {
      long value = random.nextLong();
      for (int j = 0; j < 8 && i + j < size; j++) {
        data[i + j] = (byte) (value >>> (8 * j));
      }
    }
    return data;
  }

  /** SHA-256 of the bytes, as hex. */
  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  /** Writes all of {@code data} at {@code position}. */
  public static void write(StorageFile file, byte[] data, long position) throws StorageException {
    file.write(ByteBuffer.wrap(data), position);
  }

  /** Reads exactly {@code length} bytes at {@code position}. */
  public static byte[] read(StorageFile file, long position, int length) throws StorageException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    file.readFully(buffer, position);
    return buffer.array();
  }
}
