package io.sendense.batch.backup;

import io.sendense.plugin.api.source.DiskExtent;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One item of the transfer step: pieces of a disk read from the source, each at its disk offset,
 * together at most one block size; ranges that read as zeros on the source and were not read; and
 * whether only what differs from the image is to be stored.
 *
 * @param offsets disk offset of each piece
 * @param pieces the bytes of each piece, positioned for reading
 * @param zeros ranges to make zero where the image holds data
 * @param compare whether to store only what differs from the image's current content
 */
record Block(List<Long> offsets, List<ByteBuffer> pieces, List<DiskExtent> zeros, boolean compare) {

  Block {
    offsets = List.copyOf(offsets);
    pieces = List.copyOf(pieces);
    zeros = List.copyOf(zeros);
  }

  /** Bytes in all pieces. */
  long bytes() {
    return pieces.stream().mapToLong(ByteBuffer::remaining).sum();
  }
}
