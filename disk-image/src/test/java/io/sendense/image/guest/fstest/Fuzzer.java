package io.sendense.image.guest.fstest;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.FileSystemProbe;
import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestPath;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Damages random bytes of a metadata range in copies of an image and walks the result: every
 * operation must succeed or throw an IOException, each round within a time bound.
 */
public final class Fuzzer {
  private static final int MAX_ENTRIES = 5000;
  private static final int READ_LIMIT = 1 << 20;

  private Fuzzer() {}

  /** Runs {@code rounds} rounds; returns how many opened despite the damage. */
  public static int run(
      byte[] image, long from, long to, int rounds, long seed, FileSystemProbe probe) {
    Random random = new Random(seed);
    int opened = 0;
    for (int i = 0; i < rounds; i++) {
      byte[] copy = image.clone();
      int flips = 1 + random.nextInt(16);
      for (int f = 0; f < flips; f++) {
        copy[(int) (from + (long) (random.nextDouble() * (to - from)))] ^=
            (byte) (1 + random.nextInt(255));
      }
      boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> walk(probe, copy));
      opened += ok ? 1 : 0;
    }
    return opened;
  }

  private static boolean walk(FileSystemProbe probe, byte[] copy) {
    BlockDevice device = new MemoryDevice(copy);
    Optional<GuestFileSystem> fs;
    try {
      fs = probe.open(device);
    } catch (IOException expected) {
      return false;
    }
    if (fs.isEmpty()) {
      return false;
    }
    int[] budget = {MAX_ENTRIES};
    try {
      fs.get().label();
      visit(fs.get(), fs.get().stat(GuestPath.ROOT), budget, 0);
    } catch (IOException expected) {
      return true;
    }
    return true;
  }

  private static void visit(GuestFileSystem fs, GuestEntry dir, int[] budget, int depth) {
    if (depth > 32) {
      return;
    }
    List<GuestEntry> entries;
    try {
      entries = fs.list(dir.path());
    } catch (IOException expected) {
      return;
    }
    for (GuestEntry e : entries) {
      if (--budget[0] < 0) {
        return;
      }
      try {
        fs.stat(e.path());
        if (e.isDirectory()) {
          visit(fs, e, budget, depth + 1);
        } else if (e.kind() == GuestEntry.Kind.FILE) {
          try (InputStream in = fs.open(e.path())) {
            in.readNBytes(READ_LIMIT);
          }
        }
      } catch (IOException expected) {
        // A damaged entry fails alone; the walk goes on.
      }
    }
  }
}
