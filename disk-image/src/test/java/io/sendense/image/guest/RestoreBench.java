package io.sendense.image.guest;

import io.sendense.image.qcow2.Qcow2Chain;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Benchmark main (not a test), run by {@code bench/bench-restore.sh}: opening a QCOW2 chain and
 * listing the root of its largest readable volume, cold and warm, then streaming one big file.
 *
 * <p>Usage: {@code RestoreBench IMAGE.qcow2 FILE_PATH [REPEAT]}
 */
public final class RestoreBench {
  private RestoreBench() {}

  public static void main(String[] args) throws Exception {
    Path image = Path.of(args[0]);
    GuestPath file = GuestPath.parse(args[1]);
    int repeat = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    double cold = openAndList(image);
    double warm = Double.MAX_VALUE;
    for (int i = 0; i < repeat; i++) {
      warm = Math.min(warm, openAndList(image));
    }
    System.out.printf(
        "open + list root: cold %.1f ms, warm %.1f ms (best of %d)%n", cold, warm, repeat);
    double best = 0;
    for (int i = 0; i < 3; i++) {
      best = Math.max(best, stream(image, file));
    }
    System.out.printf("stream /%s: %.0f MiB/s (best of 3)%n", file, best);
    System.out.printf("ours_mib_s=%.1f%n", best);
  }

  private static double openAndList(Path image) throws Exception {
    long start = System.nanoTime();
    int entries;
    try (Qcow2Chain chain = Qcow2Chain.open(image)) {
      entries = largest(GuestDisk.open(BlockDevice.of(chain))).list(GuestPath.ROOT).size();
    }
    double ms = (System.nanoTime() - start) / 1e6;
    if (entries < 2) {
      throw new IllegalStateException("root lists only " + entries + " entries");
    }
    return ms;
  }

  private static double stream(Path image, GuestPath file) throws Exception {
    try (Qcow2Chain chain = Qcow2Chain.open(image)) {
      GuestFileSystem fs = largest(GuestDisk.open(BlockDevice.of(chain)));
      long size = fs.stat(file).size();
      long start = System.nanoTime();
      long total = 0;
      try (InputStream in = fs.open(file)) {
        byte[] buffer = new byte[1 << 20];
        for (int n; (n = in.read(buffer)) > 0; ) {
          total += n;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (total != size) {
        throw new IllegalStateException("read " + total + " of " + size + " bytes");
      }
      return total / (double) (1 << 20) / seconds;
    }
  }

  private static GuestFileSystem largest(GuestDisk disk) {
    return disk.volumes().stream()
        .filter(Volume::readable)
        .max(Comparator.comparingLong(Volume::size))
        .orElseThrow()
        .fileSystem();
  }
}
