package io.sendense.image.guest.lvm;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One LVM2 metadata area: a 512-byte header (checksum, magic, raw locations) followed by a circular
 * buffer of text metadata. Returns every copy the header points to whose checksum holds.
 */
final class MetadataArea {
  static final int MAX_TEXT = 1 << 20;
  private static final String MAGIC = " LVM2 x[5A%r0N*>";
  private static final int HEADER = 512;
  private static final int MAX_LOCATIONS = 4;

  private MetadataArea() {}

  static List<String> texts(BlockDevice device, PvLabel.Area area) throws IOException {
    byte[] h = device.readBytes(area.offset(), HEADER);
    ByteBuffer buf = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
    if (!new String(h, 4, 16, StandardCharsets.US_ASCII).equals(MAGIC)) {
      throw new GuestFsException("LVM2 metadata area at " + area.offset() + " has no magic");
    }
    if (buf.getInt(0) != LvmCrc.of(h, 4, HEADER - 4)) {
      throw new GuestFsException("LVM2 metadata area at " + area.offset() + " has a bad checksum");
    }
    long size = buf.getLong(32);
    if (buf.getLong(24) != area.offset() || size != area.size()) {
      throw new GuestFsException("LVM2 metadata area header disagrees with the PV header");
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < MAX_LOCATIONS; i++) {
      int at = 40 + 24 * i;
      long offset = buf.getLong(at);
      long length = buf.getLong(at + 8);
      if (offset == 0) {
        break;
      }
      if (offset < HEADER
          || offset >= size
          || length <= 0
          || length > MAX_TEXT
          || length > size - HEADER) {
        throw new GuestFsException("LVM2 metadata location " + offset + "+" + length + " is bad");
      }
      byte[] text = read(device, area, offset, (int) length);
      if (LvmCrc.of(text, 0, text.length) == buf.getInt(at + 16)) {
        texts.add(new String(text, StandardCharsets.UTF_8).replace("\0", ""));
      }
    }
    return texts;
  }

  /** Reads {@code length} bytes that may wrap from the end of the area back to its header's end. */
  private static byte[] read(BlockDevice device, PvLabel.Area area, long offset, int length)
      throws IOException {
    byte[] text = new byte[length];
    int first = (int) Math.min(length, area.size() - offset);
    device.read(area.offset() + offset, ByteBuffer.wrap(text, 0, first));
    if (first < length) {
      device.read(area.offset() + HEADER, ByteBuffer.wrap(text, first, length - first));
    }
    return text;
  }
}
