package io.sendense.image.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Something disk-shaped that can be copied into a restore point: a raw file, a QCOW2 chain, or (in
 * backup jobs) a hypervisor disk. Implementations must allow concurrent reads.
 */
public interface DiskSource extends java.io.Closeable {
  /** Size in bytes. */
  long size();

  /** Reads {@code dst.remaining()} bytes at {@code offset}; bytes past the end read as zeros. */
  void read(long offset, ByteBuffer dst) throws IOException;

  /**
   * Ranges {@code [start, end)} that may hold non-zero data; everything else reads as zeros. The
   * default is the whole disk.
   */
  default List<long[]> dataRanges() throws IOException {
    return List.of(new long[] {0, size()});
  }
}
