package io.sendense.batch.backup;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Reusable buffers of one disk's blocks: direct (the source's bytes and the image writer's writes
 * need no copy into a temporary native buffer) and aligned to 4 KiB, so that the QCOW2 writer can
 * write whole runs of clusters from them with O_DIRECT. A buffer comes back when the writer has
 * stored its block, so a disk holds no more buffers than it has blocks read ahead or waiting in the
 * current chunk; one lost to a failed chunk is left to the garbage collector. The heap stays small
 * however many disks move at once.
 */
final class BlockBuffers {
  static final int ALIGNMENT = 4096;

  private final int size;
  private final ConcurrentLinkedDeque<ByteBuffer> free = new ConcurrentLinkedDeque<>();

  BlockBuffers(int size) {
    this.size = size;
  }

  /** A cleared buffer of {@code size} bytes. */
  ByteBuffer take() {
    ByteBuffer buffer = free.pollFirst();
    return buffer == null ? aligned(size) : buffer.clear();
  }

  /** Gives a buffer from {@link #take} back once nothing reads it any more. */
  void give(ByteBuffer buffer) {
    free.addFirst(buffer);
  }

  /** A direct buffer of {@code size} bytes whose first byte is 4 KiB-aligned in memory. */
  static ByteBuffer aligned(int size) {
    return ByteBuffer.allocateDirect(size + ALIGNMENT).alignedSlice(ALIGNMENT).limit(size).slice();
  }
}
