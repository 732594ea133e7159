package io.sendense.image.qcow2;

import java.util.Random;

/** Seeded disk contents for tests: random, compressible and zero clusters mixed. */
public final class TestData {
  private TestData() {}

  /** {@code size} bytes; per 64 KiB block random, text-like (compressible) or zeros. */
  public static byte[] mixed(long seed, int size) {
    Random random = new Random(seed);
    byte[] data = new byte[size];
    byte[] alphabet = "abcdefgh \n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int block = 0; block < size; block += 65536) {
      int end = Math.min(size, block + 65536);
      switch (random.nextInt(3)) {
        case 0 -> {
          byte[] chunk = new byte[end - block];
          random.nextBytes(chunk);
          System.arraycopy(chunk, 0, data, block, chunk.length);
        }
        case 1 -> {
          for (int i = block; i < end; i++) {
            data[i] = alphabet[random.nextInt(alphabet.length)];
          }
        }
        default -> {}
      }
    }
    return data;
  }
}
