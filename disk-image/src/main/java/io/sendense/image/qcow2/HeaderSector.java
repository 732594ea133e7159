package io.sendense.image.qcow2;

import io.sendense.image.store.ImageChannel;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes a header that fits in the first 512-byte sector of an image with one write of that sector.
 * Disks write a sector whole or not at all, so a crash leaves either the old header or the new one
 * (the fields, the backing format extension and the backing file name all live in that sector);
 * nothing else in the header cluster changes.
 */
final class HeaderSector {
  static final int SECTOR = 512;

  private HeaderSector() {}

  static void write(ImageChannel channel, String file, Qcow2Header header) throws IOException {
    int length = header.encodedLength();
    if (length > SECTOR) {
      throw new ImageException(
          file,
          "a header with backing file name '"
              + header.backingFile()
              + "' does not fit in one sector, so it cannot be changed atomically;"
              + " use a shorter file name");
    }
    ByteBuffer sector = header.encode().limit(SECTOR);
    channel.write(sector, 0);
  }
}
