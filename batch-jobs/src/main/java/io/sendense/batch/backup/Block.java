package io.sendense.batch.backup;

import io.sendense.plugin.api.source.DiskExtent;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One item of the transfer step: pieces of a disk read from the source, each at its disk offset,
 * together at most one block size; ranges that read as zeros on the source and were not read; and
 * whether only what differs from the image is to be stored. The pieces are slices of one buffer of
 * {@link BlockBuffers}; {@link #release()} gives it back after the writer stored the block.
 *
 * @param offsets disk offset of each piece
 * @param pieces the bytes of each piece, positioned for reading
 * @param zeros ranges to make zero where the image holds data
 * @param compare whether to store only what differs from the image's current content
 * @param recycle gives the pieces' buffer back for reuse
 */
record Block(
    List<Long> offsets,
    List<ByteBuffer> pieces,
    List<DiskExtent> zeros,
    boolean compare,
    Runnable recycle) {

  Block {
    offsets = List.copyOf(offsets);
    pieces = List.copyOf(pieces);
    zeros = List.copyOf(zeros);
  }

  /** Bytes in all pieces. */
  long bytes() {
    return pieces.stream().mapToLong(ByteBuffer::remaining).sum();
  }

  /** Disk offset just past the last piece or zero range. */
  long end() {
    long end = zeros.isEmpty() ? 0 : zeros.get(zeros.size() - 1).end();
    int last = pieces.size() - 1;
    return last < 0 ? end : Math.max(end, offsets.get(last) + pieces.get(last).limit());
  }

  /** Gives the buffer back; the pieces must not be used afterwards. */
  void release() {
    recycle.run();
  }
}
