package io.sendense.image.qcow2;

/**
 * Hands out host file space by appending: whole clusters for plain data, byte ranges packed into
 * shared clusters for compressed data (as qemu does). Space that a later write replaces is simply
 * left unreferenced; it gets refcount 0 and never counts as a leak.
 */
final class HostAllocator {
  private final int clusterBits;
  private long end;
  private long packPos;
  private long packEnd;

  HostAllocator(int clusterBits, long end) {
    this.clusterBits = clusterBits;
    this.end = end;
  }

  /** Reserves {@code count} contiguous clusters and returns the first one's offset. */
  synchronized long clusters(int count) {
    long offset = end;
    end += (long) count << clusterBits;
    return offset;
  }

  /** Reserves {@code length} bytes for compressed data, possibly inside a shared cluster. */
  synchronized long bytes(int length) {
    if (packPos + length > packEnd) {
      if (packEnd != end) {
        packPos = end;
      }
      long needed = packPos + length - end;
      end += Qcow2Format.alignUp(needed, 1L << clusterBits);
      packEnd = end;
    }
    long offset = packPos;
    packPos += length;
    return offset;
  }

  /** First offset past everything handed out, cluster aligned. */
  synchronized long end() {
    return end;
  }

  /** Continues after space used by something else (metadata written at a checkpoint). */
  synchronized void moveEnd(long newEnd) {
    end = Math.max(end, newEnd);
  }
}
