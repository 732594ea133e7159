package io.sendense.image.guest;

import java.io.EOFException;
import java.nio.ByteBuffer;

/** A device over bytes in memory (an image file read whole, possibly damaged on purpose). */
final class MemoryDevice implements BlockDevice {
  private final byte[] bytes;

  MemoryDevice(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws EOFException {
    if (offset < 0 || offset > bytes.length || dst.remaining() > bytes.length - offset) {
      throw new EOFException("read of " + dst.remaining() + " at " + offset);
    }
    dst.put(bytes, (int) offset, dst.remaining());
  }
}
