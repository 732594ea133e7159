package io.sendense.image.qcow2;

import java.nio.file.Path;

/**
 * A run of guest bytes that some image of a chain defines, like one line of {@code qemu-img map}.
 *
 * @param start guest offset
 * @param length bytes (the last range may end at the virtual size, not a cluster boundary)
 * @param zero true if the range reads as zeros (a zero cluster), false if it holds data
 * @param depth 0 for the top image, 1 for its backing file, and so on
 * @param file the image that defines the range
 */
public record AllocatedRange(long start, long length, boolean zero, int depth, Path file) {
  /** Exclusive end offset. */
  public long end() {
    return start + length;
  }
}
