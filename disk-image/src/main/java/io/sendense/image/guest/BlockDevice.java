package io.sendense.image.guest;

import io.sendense.image.qcow2.DiskSource;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Read-only random access to a byte range: a whole disk, a partition, or a logical volume.
 * Implementations allow concurrent reads.
 */
public interface BlockDevice {
  /** Size in bytes. */
  long size();

  /**
   * Reads exactly {@code dst.remaining()} bytes at {@code offset}.
   *
   * @throws EOFException if the range reaches past {@link #size()}
   */
  void read(long offset, ByteBuffer dst) throws IOException;

  /** Reads {@code length} bytes at {@code offset} into a new array. */
  default byte[] readBytes(long offset, int length) throws IOException {
    byte[] bytes = new byte[length];
    read(offset, ByteBuffer.wrap(bytes));
    return bytes;
  }

  /** The sub-range {@code [offset, offset + length)} of this device as a device of its own. */
  default BlockDevice slice(long offset, long length) {
    return new SlicedDevice(this, offset, length);
  }

  /** A whole disk (for example an opened QCOW2 chain) as a device. The caller closes the source. */
  static BlockDevice of(DiskSource source) {
    return new DiskSourceDevice(source);
  }
}
