package io.sendense.image.guest.fstest;

import io.sendense.image.guest.BlockDevice;
import java.io.EOFException;
import java.nio.ByteBuffer;

/** An image held in memory, so that fuzz tests can damage a copy cheaply. */
public record MemoryDevice(byte[] bytes) implements BlockDevice {
  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws EOFException {
    if (offset < 0 || offset > bytes.length - dst.remaining()) {
      throw new EOFException("read past end at " + offset);
    }
    dst.put(bytes, (int) offset, dst.remaining());
  }
}
