package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.GuestFsException;
import java.util.ArrayList;
import java.util.List;

/** Decodes the mapping pairs of a non-resident attribute into runs, checked against the volume. */
final class Runlist {
  static final int MAX_RUNS = 1 << 20;

  private Runlist() {}

  static List<Run> decode(byte[] b, int at, int end, long startVcn, long clusters)
      throws GuestFsException {
    List<Run> runs = new ArrayList<>();
    long vcn = startVcn;
    long lcn = 0;
    while (at < end) {
      int header = Le.u8(b, at++);
      if (header == 0) {
        return runs;
      }
      int lenSize = header & 0x0f;
      int offSize = header >>> 4;
      if (lenSize == 0 || lenSize > 8 || offSize > 8 || at + lenSize + offSize > end) {
        throw new GuestFsException("NTFS runlist: bad run header 0x" + Integer.toHexString(header));
      }
      long length = signed(b, at, lenSize);
      at += lenSize;
      if (length <= 0 || length > clusters) {
        throw new GuestFsException("NTFS runlist: run of " + length + " clusters");
      }
      if (offSize == 0) {
        runs.add(new Run(vcn, Run.SPARSE, length));
      } else {
        lcn += signed(b, at, offSize);
        at += offSize;
        if (lcn < 0 || lcn > clusters - length) {
          throw new GuestFsException("NTFS runlist: run at cluster " + lcn + " lies outside");
        }
        runs.add(new Run(vcn, lcn, length));
      }
      vcn += length;
      if (runs.size() > MAX_RUNS) {
        throw new GuestFsException("NTFS runlist: more than " + MAX_RUNS + " runs");
      }
    }
    throw new GuestFsException("NTFS runlist: no terminator");
  }

  private static long signed(byte[] b, int at, int size) {
    long value = 0;
    for (int i = size - 1; i >= 0; i--) {
      value = value << 8 | (b[at + i] & 0xff);
    }
    int shift = 64 - 8 * size;
    return shift == 0 ? value : value << shift >> shift;
  }
}
