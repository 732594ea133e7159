package io.sendense.image.guest;

import io.sendense.image.qcow2.DiskSource;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A {@link DiskSource} seen as a device that refuses reads past its end. */
final class DiskSourceDevice implements BlockDevice {
  private final DiskSource source;

  DiskSourceDevice(DiskSource source) {
    this.source = source;
  }

  @Override
  public long size() {
    return source.size();
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    if (offset < 0 || offset > source.size() || dst.remaining() > source.size() - offset) {
      throw new EOFException(
          "Read of "
              + dst.remaining()
              + " bytes at "
              + offset
              + " is past the end of the disk ("
              + source.size()
              + ")");
    }
    source.read(offset, dst);
  }
}
