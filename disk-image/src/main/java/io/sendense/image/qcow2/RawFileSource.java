package io.sendense.image.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A raw disk image file as a {@link DiskSource}. Its size is the file size rounded up to 512 bytes
 * (as qemu does), the tail reading as zeros.
 */
public final class RawFileSource implements DiskSource {
  private final FileChannel channel;
  private final long fileSize;

  public RawFileSource(Path file) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.fileSize = channel.size();
  }

  @Override
  public long size() {
    return Qcow2Format.alignUp(fileSize, 512);
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    while (dst.hasRemaining()) {
      int n = channel.read(dst, offset);
      if (n < 0) {
        while (dst.hasRemaining()) {
          dst.put((byte) 0);
        }
        return;
      }
      offset += n;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
