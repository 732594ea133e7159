package io.sendense.image.guest;

import java.util.Locale;

/** The display names of volumes: {@code Partition 3 - Data (100.4 GiB, NTFS)}. */
final class VolumeNames {
  private VolumeNames() {}

  static String displayName(String prefix, String label, long size, String kind) {
    String named = label == null || label.isBlank() ? prefix : prefix + " - " + label.strip();
    return named + " (" + size(size) + ", " + kind + ")";
  }

  /**
   * Binary units with one decimal, named as the hub's pages name them (its one formatter of sizes):
   * 1 GiB = 1024^3 bytes.
   */
  static String size(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
  }

  static String kind(Volume.Status status, GuestFileSystem fs) {
    return switch (status) {
      case READABLE -> fs.type().toUpperCase(Locale.ROOT);
      case SWAP -> "Swap";
      case VOLUME_MANAGER -> "LVM";
      default -> "Unknown";
    };
  }
}
