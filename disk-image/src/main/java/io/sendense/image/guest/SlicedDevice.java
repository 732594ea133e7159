package io.sendense.image.guest;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A bounded window onto another device. */
final class SlicedDevice implements BlockDevice {
  private final BlockDevice base;
  private final long offset;
  private final long length;

  SlicedDevice(BlockDevice base, long offset, long length) {
    if (offset < 0 || length < 0 || offset > base.size() || length > base.size() - offset) {
      throw new IllegalArgumentException(
          "Range ["
              + offset
              + ", +"
              + length
              + ") lies outside a device of "
              + base.size()
              + " bytes");
    }
    this.base = base;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public long size() {
    return length;
  }

  @Override
  public void read(long at, ByteBuffer dst) throws IOException {
    if (at < 0 || at > length || dst.remaining() > length - at) {
      throw new EOFException(
          "Read of " + dst.remaining() + " bytes at " + at + " is past the end (" + length + ")");
    }
    base.read(offset + at, dst);
  }
}
