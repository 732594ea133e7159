package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.GuestFsException;
import java.nio.charset.StandardCharsets;

/**
 * The update sequence of multi-sector NTFS records (FILE, INDX): the last two bytes of every 512
 * bytes hold a check number, the real bytes are kept in an array in the header. A mismatch is a
 * torn or corrupt record.
 */
final class Fixups {
  private static final int STRIDE = 512;

  private Fixups() {}

  /** Checks the magic and restores the bytes in place. */
  static void apply(byte[] record, String magic, String what) throws GuestFsException {
    if (!magic.equals(new String(record, 0, 4, StandardCharsets.US_ASCII))) {
      throw new GuestFsException(what + ": no " + magic + " signature");
    }
    int offset = Le.u16(record, 4);
    int count = Le.u16(record, 6);
    if (count < 2 || (count - 1) * STRIDE > record.length || offset + 2 * count > record.length) {
      throw new GuestFsException(what + ": update sequence (" + count + " at " + offset + ")");
    }
    int usn = Le.u16(record, offset);
    for (int i = 1; i < count; i++) {
      int end = i * STRIDE - 2;
      if (Le.u16(record, end) != usn) {
        throw new GuestFsException(what + ": update sequence mismatch in sector " + (i - 1));
      }
      record[end] = record[offset + 2 * i];
      record[end + 1] = record[offset + 2 * i + 1];
    }
  }
}
