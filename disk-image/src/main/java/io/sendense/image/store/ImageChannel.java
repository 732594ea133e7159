package io.sendense.image.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An open image file with positional reads and writes. Reads and writes name their position and
 * move no shared pointer, so several threads may use one channel at once on ranges that do not
 * overlap. Data is durable only after {@link #sync()} returned.
 */
public interface ImageChannel extends Closeable {

  /**
   * Reads up to {@code dst.remaining()} bytes at {@code position}.
   *
   * @return bytes read, or -1 if {@code position} is at or past the end of the file
   */
  int read(ByteBuffer dst, long position) throws IOException;

  /** Writes every remaining byte of {@code src} at {@code position}, or throws. */
  void write(ByteBuffer src, long position) throws IOException;

  /**
   * Writes a run of space that was never written before (fresh clusters of an image being built). A
   * store may take a faster path for it, such as bypassing its page cache; by default it is a plain
   * {@link #write}.
   */
  default void writeFresh(ByteBuffer src, long position) throws IOException {
    write(src, position);
  }

  /** Current size in bytes. */
  long size() throws IOException;

  /** Cuts or extends the file (extending reads as zeros). */
  void truncate(long size) throws IOException;

  /** Makes every completed write durable (fsync, or the protocol's commit). */
  void sync() throws IOException;

  /**
   * Reads exactly {@code dst.remaining()} bytes; bytes past the end of the file read as zeros.
   * Returns the number of bytes that came from the file.
   */
  default int readOrZero(ByteBuffer dst, long position) throws IOException {
    int total = 0;
    while (dst.hasRemaining()) {
      int n = read(dst, position + total);
      if (n < 0) {
        while (dst.hasRemaining()) {
          dst.put((byte) 0);
        }
        break;
      }
      total += n;
    }
    return total;
  }
}
