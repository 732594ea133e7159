package io.sendense.plugin.api.source;

/**
 * A byte range of a disk.
 *
 * @param offset first byte
 * @param length number of bytes, positive
 */
public record DiskExtent(long offset, long length) {

  public DiskExtent {
    if (offset < 0 || length <= 0) {
      throw new IllegalArgumentException("Invalid extent at " + offset + " of length " + length);
    }
  }

  /** The first byte after the extent. */
  public long end() {
    return offset + length;
  }
}
