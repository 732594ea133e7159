package io.sendense.image.guest.xfs;

/** One extent of a file: {@code count} blocks from file block {@code offset} at {@code block}. */
record Extent(long offset, long block, long count, boolean unwritten) {
  /** Decodes the packed 128-bit big-endian on-disk record. */
  static Extent decode(long l0, long l1) {
    return new Extent(
        (l0 & Long.MAX_VALUE) >>> 9, (l0 & 0x1ff) << 43 | l1 >>> 21, l1 & 0x1fffff, l0 < 0);
  }

  long end() {
    return offset + count;
  }
}
