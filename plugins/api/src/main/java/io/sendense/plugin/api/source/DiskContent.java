package io.sendense.plugin.api.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The data of one disk to restore, as the host reads it from a restore point: its size, the extents
 * that may hold data (everything else reads as zeros) and positional reads. Safe for several
 * threads.
 */
public interface DiskContent {

  /** The disk's size in bytes. */
  long size();

  /** The extents that may hold non-zero data, sorted and not overlapping. */
  List<DiskExtent> dataExtents() throws IOException;

  /** Reads exactly {@code dst.remaining()} bytes at {@code position}. */
  void read(ByteBuffer dst, long position) throws IOException;
}
