package io.sendense.image.guest.lvm;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The LVM2 physical volume label (LABELONE in one of the first four sectors) and PV header. */
record PvLabel(String uuid, long deviceSize, List<Area> metadataAreas) {
  private static final int SECTOR = 512;
  private static final int MAX_AREAS = 16;

  /** A byte range of the PV. */
  record Area(long offset, long size) {}

  static Optional<PvLabel> find(BlockDevice device) throws IOException {
    for (int sector = 0; sector < 4; sector++) {
      if (device.size() < (sector + 1L) * SECTOR) {
        return Optional.empty();
      }
      byte[] b = device.readBytes((long) sector * SECTOR, SECTOR);
      if (new String(b, 0, 8, StandardCharsets.US_ASCII).equals("LABELONE")) {
        return Optional.of(parse(b, sector, device.size()));
      }
    }
    return Optional.empty();
  }

  private static PvLabel parse(byte[] b, int sector, long deviceSize) throws GuestFsException {
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    if (buf.getLong(8) != sector) {
      throw new GuestFsException(
          "LVM2 label in sector " + sector + " names sector " + buf.getLong(8));
    }
    if (buf.getInt(16) != LvmCrc.of(b, 20, SECTOR - 20)) {
      throw new GuestFsException("LVM2 label in sector " + sector + " has a bad checksum");
    }
    if (!new String(b, 24, 8, StandardCharsets.US_ASCII).equals("LVM2 001")) {
      throw new GuestFsException("LVM2 label type is not 'LVM2 001'");
    }
    int at = buf.getInt(20);
    if (at < 32 || at > SECTOR - 48) {
      throw new GuestFsException("LVM2 PV header offset " + at + " is out of range");
    }
    String uuid = new String(b, at, 32, StandardCharsets.US_ASCII);
    at += 40;
    at = skipList(buf, at);
    List<Area> mdas = new ArrayList<>();
    while (at + 16 <= SECTOR) {
      long offset = buf.getLong(at);
      long size = buf.getLong(at + 8);
      at += 16;
      if (offset == 0) {
        return new PvLabel(uuid, deviceSize, mdas);
      }
      if (offset < 0 || size < SECTOR || size > deviceSize || offset > deviceSize - size) {
        throw new GuestFsException("LVM2 metadata area at " + offset + " lies outside the PV");
      }
      mdas.add(new Area(offset, size));
      if (mdas.size() > MAX_AREAS) {
        throw new GuestFsException("LVM2 PV header lists too many metadata areas");
      }
    }
    throw new GuestFsException("LVM2 PV header lists run past the label sector");
  }

  private static int skipList(ByteBuffer buf, int at) throws GuestFsException {
    for (int i = 0; i <= MAX_AREAS; i++) {
      if (at + 16 > SECTOR) {
        break;
      }
      boolean end = buf.getLong(at) == 0;
      at += 16;
      if (end) {
        return at;
      }
    }
    throw new GuestFsException("LVM2 PV header data area list has no end");
  }
}
