package io.sendense.batch.backup;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One item of the transfer step: pieces of a disk read from the source, each at its disk offset,
 * together at most one block size.
 *
 * @param offsets disk offset of each piece
 * @param pieces the bytes of each piece, positioned for reading
 */
record Block(List<Long> offsets, List<ByteBuffer> pieces) {

  Block {
    offsets = List.copyOf(offsets);
    pieces = List.copyOf(pieces);
  }

  /** Bytes in all pieces. */
  long bytes() {
    return pieces.stream().mapToLong(ByteBuffer::remaining).sum();
  }
}
