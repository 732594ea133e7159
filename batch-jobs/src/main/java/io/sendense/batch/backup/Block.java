package io.sendense.batch.backup;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One item of the transfer step: pieces of a disk read from the source, each at its disk offset,
 * together at most one block size. The pieces are slices of one buffer of {@link BlockBuffers};
 * {@link #release()} gives it back after the writer stored the block.
 *
 * @param offsets disk offset of each piece
 * @param pieces the bytes of each piece, positioned for reading
 * @param recycle gives the pieces' buffer back for reuse
 */
record Block(List<Long> offsets, List<ByteBuffer> pieces, Runnable recycle) {

  Block {
    offsets = List.copyOf(offsets);
    pieces = List.copyOf(pieces);
  }

  /** Bytes in all pieces. */
  long bytes() {
    return pieces.stream().mapToLong(ByteBuffer::remaining).sum();
  }

  /** Disk offset just past the last piece. */
  long end() {
    int last = pieces.size() - 1;
    return offsets.get(last) + pieces.get(last).limit();
  }

  /** Gives the buffer back; the pieces must not be used afterwards. */
  void release() {
    recycle.run();
  }
}
