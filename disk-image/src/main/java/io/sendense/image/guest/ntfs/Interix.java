package io.sendense.image.guest.ntfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interix symbolic links: how ntfs-3g (the default of {@code ln -s} on an ntfs-3g mount) and
 * Windows Services for UNIX store a link without a reparse point: a file with the SYSTEM attribute
 * whose content is {@code IntxLNK\1} followed by the UTF-16LE target.
 */
final class Interix {
  static final int MAX_TARGET_CHARS = 4096;
  private static final byte[] MAGIC = "IntxLNK\1".getBytes(StandardCharsets.US_ASCII);
  private static final long SI_SYSTEM = 0x4;

  private Interix() {}

  /** The link target, or {@code null} when the file is not an Interix symbolic link. */
  static String target(Mft mft, NtfsFile file, Attribute data) throws IOException {
    if (data == null || data.compressed() || data.encrypted() || !system(file)) {
      return null;
    }
    long size = data.resident() ? data.value().length : data.dataSize();
    if (size < MAGIC.length + 2 || size > MAGIC.length + 2L * MAX_TARGET_CHARS || size % 2 != 0) {
      return null;
    }
    byte[] b;
    if (data.resident()) {
      b = data.value();
    } else {
      b = new byte[(int) size];
      NonResidentData.of(mft.device(), mft.boot().clusterSize(), file.data())
          .read(0, b, 0, b.length);
    }
    if (!Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return null;
    }
    return Le.utf16(b, MAGIC.length, (b.length - MAGIC.length) / 2);
  }

  private static boolean system(NtfsFile file) throws IOException {
    Attribute si = file.first(Attribute.STANDARD_INFORMATION, "");
    return si != null
        && si.resident()
        && si.value().length >= 0x24
        && (Le.u32(si.value(), 0x20) & SI_SYSTEM) != 0;
  }
}
