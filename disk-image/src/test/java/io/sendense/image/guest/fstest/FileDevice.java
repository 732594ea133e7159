package io.sendense.image.guest.fstest;

import io.sendense.image.guest.BlockDevice;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A raw image file as a device, for tests. */
public final class FileDevice implements BlockDevice, AutoCloseable {
  private final FileChannel channel;
  private final long size;

  public FileDevice(Path file) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.size = channel.size();
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    if (offset < 0 || offset > size - dst.remaining()) {
      throw new EOFException("read past end at " + offset);
    }
    while (dst.hasRemaining()) {
      int n = channel.read(dst, offset);
      if (n < 0) {
        throw new EOFException("short file");
      }
      offset += n;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
