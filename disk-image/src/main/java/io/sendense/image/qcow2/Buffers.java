package io.sendense.image.qcow2;

import java.nio.ByteBuffer;

/** Buffers for bulk data: direct and aligned, so that a local store can write them O_DIRECT. */
final class Buffers {
  static final int ALIGNMENT = 4096;

  private Buffers() {}

  /** A direct buffer whose start is aligned to 4 KiB. */
  static ByteBuffer aligned(int size) {
    return ByteBuffer.allocateDirect(size + ALIGNMENT).alignedSlice(ALIGNMENT).limit(size).slice();
  }
}
