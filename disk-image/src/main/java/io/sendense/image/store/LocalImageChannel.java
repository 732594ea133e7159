package io.sendense.image.store;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A local image file. Large runs of fresh clusters are written with O_DIRECT when the file system
 * allows it: buffered writes copy every byte into the page cache and then must be flushed by the
 * fsync of a checkpoint, after the copy; direct writes skip the copy and reach the disk while the
 * copy goes on, which makes a durable image much cheaper on a busy machine. Everything else
 * (metadata, compressed and partial clusters, unaligned buffers) stays buffered. Only never-written
 * space is written directly, so the page cache never holds stale copies of it.
 */
final class LocalImageChannel implements ImageChannel {
  static final int ALIGNMENT = 4096;

  /** Smaller writes stay buffered: each direct write waits for the device, a buffered one not. */
  static final int MIN_DIRECT = 1 << 20;

  private final Path path;
  private final FileChannel channel;
  private final boolean writable;
  private FileChannel direct;
  private boolean directTried;

  LocalImageChannel(Path path, FileChannel channel, boolean writable) {
    this.path = path;
    this.channel = channel;
    this.writable = writable;
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return channel.read(dst, position);
  }

  @Override
  public void write(ByteBuffer src, long position) throws IOException {
    if (!writable) {
      throw new AccessDeniedException(path.toString(), null, "opened read-only");
    }
    try {
      while (src.hasRemaining()) {
        position += channel.write(src, position);
      }
    } catch (NonWritableChannelException e) {
      throw new AccessDeniedException(path.toString(), null, "opened read-only");
    }
  }

  @Override
  public void writeFresh(ByteBuffer src, long position) throws IOException {
    FileChannel d = accepts(src, position) ? direct() : null;
    if (d == null) {
      write(src, position);
      return;
    }
    while (src.hasRemaining()) {
      position += d.write(src, position);
    }
  }

  private boolean accepts(ByteBuffer data, long host) {
    int len = data.remaining();
    return writable
        && data.isDirect()
        && len >= MIN_DIRECT
        && len % ALIGNMENT == 0
        && host % ALIGNMENT == 0
        && data.alignmentOffset(data.position(), ALIGNMENT) == 0;
  }

  /** The O_DIRECT channel, opened on first use; null where the file system refuses it. */
  private synchronized FileChannel direct() {
    if (!directTried) {
      directTried = true;
      if (!Boolean.getBoolean("sendense.image.noDirectIo")) {
        try {
          direct = FileChannel.open(path, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
          direct = null;
        }
      }
    }
    return direct;
  }

  @Override
  public long size() throws IOException {
    return channel.size();
  }

  @Override
  public void truncate(long size) throws IOException {
    if (size < channel.size()) {
      channel.truncate(size);
    } else if (size > channel.size()) {
      channel.write(ByteBuffer.allocate(1), size - 1);
    }
  }

  @Override
  public void sync() throws IOException {
    channel.force(false);
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      if (direct != null) {
        direct.close();
      }
    } finally {
      channel.close();
    }
  }
}
