package io.sendense.image.guest;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages the metadata of small real images at random, many times, and browses what is left: every
 * operation must either work or fail with an {@link IOException} (normally a {@link
 * GuestFsException}), quickly and without running out of memory. Nothing else may escape.
 */
class HostileGuestFsFuzzIT {
  private static final int ROUNDS = 300;
  private static final int MAX_VISITS = 400;

  @TempDir Path dir;

  @Test
  void damagedExt4NeverEscapesAsAnythingButIoException() throws Exception {
    fuzz(
        GuestImages.ext(
            dir.resolve("e4.img"),
            "ext4",
            4 * GuestImages.MIB,
            content(),
            "fz",
            "-b",
            "1024",
            "-N",
            "256"),
        160 << 10,
        41);
  }

  @Test
  void damagedExt2WithIndirectBlocksNeverEscapesAsAnythingButIoException() throws Exception {
    fuzz(
        GuestImages.ext(
            dir.resolve("e2.img"),
            "ext2",
            4 * GuestImages.MIB,
            content(),
            "fz",
            "-b",
            "1024",
            "-N",
            "256",
            "-I",
            "128"),
        160 << 10,
        42);
  }

  @Test
  void damagedFat16NeverEscapesAsAnythingButIoException() throws Exception {
    fuzz(
        GuestImages.fat(dir.resolve("f16.img"), 16, 4 * GuestImages.MIB, content(), "FZ"),
        64 << 10,
        43);
  }

  @Test
  void damagedFat12NeverEscapesAsAnythingButIoException() throws Exception {
    fuzz(
        GuestImages.fat(dir.resolve("f12.img"), 12, 2 * GuestImages.MIB, content(), "FZ"),
        32 << 10,
        44);
  }

  /**
   * Many small entries and little data, so that most non-zero bytes of the image are structures
   * (inodes, directories, allocation tables) rather than file content.
   */
  private Path content() throws IOException {
    Path c = dir.resolve("c");
    if (Files.exists(c)) {
      return c;
    }
    Path deep = c;
    for (int level = 0; level < 6; level++) {
      deep = Files.createDirectories(deep.resolve("folder with a long name " + level));
      for (int i = 0; i < 10; i++) {
        Files.writeString(deep.resolve("f" + i + ".txt"), "file " + level + "/" + i + "\n");
      }
    }
    byte[] mostlyZero = new byte[300_000];
    mostlyZero[mostlyZero.length - 1] = 1;
    Files.write(c.resolve("zeros then one.bin"), mostlyZero);
    Files.writeString(c.resolve(ContentTree.UNICODE_NAME), "unicode\n");
    return c;
  }

  /** Flips bytes in the first {@code metadataBytes} of the image, ROUNDS times. */
  private static void fuzz(Path image, int metadataBytes, long seed) throws Exception {
    byte[] original = Files.readAllBytes(image);
    int[] used =
        java.util.stream.IntStream.range(0, metadataBytes).filter(i -> original[i] != 0).toArray();
    Random random = new Random(seed);
    int failures = 0;
    for (int round = 0; round < ROUNDS; round++) {
      byte[] damaged = original.clone();
      int flips = 1 + random.nextInt(12);
      int[] offsets = new int[flips];
      for (int i = 0; i < flips; i++) {
        // mostly bytes that hold something (structures), sometimes anywhere in the metadata
        offsets[i] =
            random.nextInt(4) > 0
                ? used[random.nextInt(used.length)]
                : random.nextInt(metadataBytes);
        damaged[offsets[i]] = (byte) (random.nextBoolean() ? 0xff : random.nextInt(256));
      }
      String what =
          "round " + round + " (seed " + seed + "), damaged offsets " + Arrays.toString(offsets);
      int[] errors = new int[1];
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> browse(damaged, errors, what), what);
      failures += errors[0] > 0 ? 1 : 0;
    }
    assertTrue(
        failures > ROUNDS / 20,
        "the damage should break something now and then: "
            + failures
            + " of "
            + ROUNDS
            + " rounds saw an error");
  }

  private static void browse(byte[] image, int[] errors, String what) {
    try {
      GuestDisk disk = GuestDisk.open(new MemoryDevice(image));
      for (Volume v : disk.volumes()) {
        if (v.readable()) {
          walk(v.fileSystem(), GuestPath.ROOT, new int[] {0}, errors, 0);
        } else {
          errors[0]++;
        }
      }
    } catch (IOException e) {
      errors[0]++;
    } catch (RuntimeException | Error e) {
      fail(what + ": " + e, e);
    }
  }

  private static void walk(
      GuestFileSystem fs, GuestPath path, int[] visits, int[] errors, int depth) {
    if (depth > 300 || visits[0]++ > MAX_VISITS) {
      return;
    }
    try {
      fs.stat(path);
      for (GuestEntry e : fs.list(path)) {
        if (e.isDirectory()) {
          walk(fs, e.path(), visits, errors, depth + 1);
        } else if (e.kind() == GuestEntry.Kind.FILE && visits[0]++ < MAX_VISITS) {
          read(fs, e.path(), errors);
        }
      }
    } catch (IOException e) {
      errors[0]++;
    }
  }

  private static void read(GuestFileSystem fs, GuestPath path, int[] errors) {
    try (InputStream in = fs.open(path)) {
      byte[] buffer = new byte[64 << 10];
      long total = 0;
      for (int n; total < (256 << 10) && (n = in.read(buffer)) > 0; ) {
        total += n;
      }
    } catch (IOException e) {
      errors[0]++;
    }
  }
}
