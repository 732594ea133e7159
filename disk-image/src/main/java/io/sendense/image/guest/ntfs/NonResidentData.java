package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The content of a non-resident attribute, assembled from all its fragments: sparse runs and bytes
 * past the initialized size read as zeros.
 */
final class NonResidentData {
  private final BlockDevice device;
  private final int clusterSize;
  private final Run[] runs;
  private final long size;
  private final long initialized;

  private NonResidentData(BlockDevice device, int clusterSize, Run[] runs, long size, long init) {
    this.device = device;
    this.clusterSize = clusterSize;
    this.runs = runs;
    this.size = size;
    this.initialized = Math.min(init, size);
  }

  /** Joins fragments (any order) that must follow each other without gaps from VCN 0. */
  static NonResidentData of(BlockDevice device, int clusterSize, List<Attribute> fragments)
      throws GuestFsException {
    List<Attribute> sorted = new ArrayList<>(fragments);
    sorted.sort(Comparator.comparingLong(Attribute::lowestVcn));
    if (sorted.isEmpty() || sorted.get(0).lowestVcn() != 0) {
      throw new GuestFsException("NTFS attribute has no first fragment");
    }
    List<Run> all = new ArrayList<>();
    long next = 0;
    for (Attribute fragment : sorted) {
      if (fragment.lowestVcn() != next) {
        throw new GuestFsException("NTFS attribute fragments leave a gap at VCN " + next);
      }
      for (Run run : fragment.runs()) {
        all.add(run);
        next = run.vcn() + run.length();
      }
      if (all.size() > Runlist.MAX_RUNS) {
        throw new GuestFsException("NTFS attribute has more than " + Runlist.MAX_RUNS + " runs");
      }
    }
    Attribute first = sorted.get(0);
    if (first.dataSize() > next * clusterSize && !first.compressed()) {
      throw new GuestFsException(
          "NTFS attribute claims " + first.dataSize() + " bytes but maps " + next + " clusters");
    }
    return new NonResidentData(
        device, clusterSize, all.toArray(Run[]::new), first.dataSize(), first.initializedSize());
  }

  long size() {
    return size;
  }

  /** Fills {@code dst[off, off+len)} from {@code pos}; the range must lie within the size. */
  void read(long pos, byte[] dst, int off, int len) throws IOException {
    if (pos < 0 || len < 0 || pos > size - len) {
      throw new GuestFsException("NTFS read of " + len + " bytes at " + pos + " past " + size);
    }
    while (len > 0) {
      int n = readPiece(pos, dst, off, len);
      pos += n;
      off += n;
      len -= n;
    }
  }

  private int readPiece(long pos, byte[] dst, int off, int len) throws IOException {
    if (pos >= initialized) {
      Arrays.fill(dst, off, off + len, (byte) 0);
      return len;
    }
    Run run = runAt(pos / clusterSize);
    long runEnd = (run.vcn() + run.length()) * clusterSize;
    int n = (int) Math.min(len, Math.min(runEnd, initialized) - pos);
    if (run.sparse()) {
      Arrays.fill(dst, off, off + n, (byte) 0);
    } else {
      long at = run.lcn() * clusterSize + (pos - run.vcn() * clusterSize);
      device.read(at, ByteBuffer.wrap(dst, off, n));
    }
    return n;
  }

  private Run runAt(long vcn) throws GuestFsException {
    int lo = 0;
    int hi = runs.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Run run = runs[mid];
      if (vcn < run.vcn()) {
        hi = mid - 1;
      } else if (vcn >= run.vcn() + run.length()) {
        lo = mid + 1;
      } else {
        return run;
      }
    }
    throw new GuestFsException("NTFS attribute does not map VCN " + vcn);
  }
}
