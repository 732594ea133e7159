package io.sendense.image.qcow2;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes large runs of fresh clusters with O_DIRECT when the file system allows it. Buffered writes
 * copy every byte into the page cache and then must be flushed by the fsync of commit, after the
 * copy; direct writes skip the copy and reach the disk while the copy goes on, which makes a
 * durable image much cheaper on a busy machine. Everything else (metadata, compressed and partial
 * clusters, unaligned buffers) stays buffered. Only never-written space is written directly, so the
 * page cache never holds stale copies of it.
 */
final class DirectWrites implements AutoCloseable {
  static final int ALIGNMENT = 4096;

  /** Smaller writes stay buffered: each direct write waits for the device, a buffered one not. */
  static final int MIN_DIRECT = 1 << 20;

  private final FileChannel channel;

  private DirectWrites(FileChannel channel) {
    this.channel = channel;
  }

  /** Opens the file for direct writes, or returns a no-op instance if that is not possible. */
  static DirectWrites open(Path file) {
    if (Boolean.getBoolean("sendense.image.noDirectIo")) {
      return new DirectWrites(null);
    }
    try {
      return new DirectWrites(
          FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT));
    } catch (IOException | UnsupportedOperationException e) {
      return new DirectWrites(null);
    }
  }

  /** True if {@code len} bytes at {@code pos} of {@code data} can go to {@code host} directly. */
  boolean accepts(ByteBuffer data, int pos, int len, long host) {
    return channel != null
        && data.isDirect()
        && len >= MIN_DIRECT
        && len % ALIGNMENT == 0
        && host % ALIGNMENT == 0
        && data.alignmentOffset(pos, ALIGNMENT) == 0;
  }

  /** A direct buffer whose start is aligned for direct writes. */
  static ByteBuffer alignedBuffer(int size) {
    return ByteBuffer.allocateDirect(size + ALIGNMENT).alignedSlice(ALIGNMENT).limit(size).slice();
  }

  /** Writes a slice that {@link #accepts} approved. */
  void write(ByteBuffer slice, long host) throws IOException {
    while (slice.hasRemaining()) {
      host += channel.write(slice, host);
    }
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
