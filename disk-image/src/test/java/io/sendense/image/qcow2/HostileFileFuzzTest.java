package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random damage to the header and metadata of valid images: opening, reading, mapping and checking
 * must either work or fail with an {@link ImageException}, never with another exception, never hang
 * and never allocate without bound.
 */
class HostileFileFuzzTest {
  private static final int SIZE = 2 << 20;

  @TempDir Path dir;

  @Test
  void damagedImagesFailCleanly() throws Exception {
    byte[] plain = image("plain.qcow2", Compression.NONE);
    byte[] zstd = image("zstd.qcow2", Compression.ZSTD);
    for (int seed = 0; seed < 400; seed++) {
      Random random = new Random(seed);
      byte[] bytes = (seed % 2 == 0 ? plain : zstd).clone();
      int flips = 1 + random.nextInt(6);
      for (int i = 0; i < flips; i++) {
        int at =
            random.nextBoolean()
                ? random.nextInt(128)
                : bytes.length - 1 - random.nextInt(Math.min(bytes.length, 300_000));
        bytes[at] = (byte) random.nextInt(256);
      }
      Path file = Files.write(dir.resolve("fuzz.qcow2"), bytes);
      int s = seed;
      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> exercise(file, s));
    }
  }

  private static void exercise(Path file, int seed) {
    try (Qcow2Chain chain = Qcow2Chain.open(file)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 20);
      long end = Math.min(chain.virtualSize(), 8L << 20);
      for (long pos = 0; pos < end; pos += buf.capacity()) {
        chain.read(pos, buf.clear().limit((int) Math.min(buf.capacity(), end - pos)));
      }
      chain.map();
      Qcow2Checker.check(file);
    } catch (ImageException expected) {
      // a clear, file-naming failure is the right outcome for a damaged file
    } catch (Exception | Error e) {
      fail("seed " + seed + ": " + e, e);
    }
  }

  private byte[] image(String name, Compression compression) throws Exception {
    Path path = dir.resolve(name);
    try (Qcow2Writer w =
        Qcow2Writer.create(
            path, Qcow2Options.full(SIZE).withClusterSize(4096).withCompression(compression))) {
      w.write(0, ByteBuffer.wrap(TestData.mixed(3, SIZE)));
      w.commit();
    }
    return Files.readAllBytes(path);
  }
}
