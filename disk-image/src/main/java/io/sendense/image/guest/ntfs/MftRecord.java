package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.GuestFsException;
import java.util.ArrayList;
import java.util.List;

/** One MFT record (after fixups): its flags, base record reference and attributes. */
record MftRecord(
    long number, int sequence, int flags, long baseRecord, List<Attribute> attributes) {
  static final int IN_USE = 0x1;
  static final int DIRECTORY = 0x2;
  private static final int MAX_ATTRIBUTES = 512;

  boolean inUse() {
    return (flags & IN_USE) != 0;
  }

  boolean directory() {
    return (flags & DIRECTORY) != 0;
  }

  static MftRecord parse(long number, byte[] b, long clusters) throws GuestFsException {
    String what = "NTFS MFT record " + number;
    Fixups.apply(b, "FILE", what);
    int used = (int) Math.min(Le.u32(b, 24), b.length);
    int at = Le.u16(b, 20);
    List<Attribute> attributes = new ArrayList<>();
    while (true) {
      if (at + 8 > used) {
        throw new GuestFsException(what + ": attributes run past the record");
      }
      long type = Le.u32(b, at);
      if (type == 0xffffffffL) {
        break;
      }
      long length = Le.u32(b, at + 4);
      if (length < 24 || length > used - at || (length & 7) != 0) {
        throw new GuestFsException(what + ": attribute 0x" + Long.toHexString(type) + " length");
      }
      attributes.add(attribute(b, at, (int) length, clusters));
      if (attributes.size() > MAX_ATTRIBUTES) {
        throw new GuestFsException(what + ": too many attributes");
      }
      at += (int) length;
    }
    return new MftRecord(
        number, Le.u16(b, 16), Le.u16(b, 22), Le.s64(b, 32) & 0xffffffffffffL, attributes);
  }

  private static Attribute attribute(byte[] b, int at, int length, long clusters)
      throws GuestFsException {
    int type = (int) Le.u32(b, at);
    int nameLength = Le.u8(b, at + 9);
    String name = nameLength == 0 ? "" : Le.utf16(b, at + Le.u16(b, at + 10), nameLength);
    int flags = Le.u16(b, at + 12);
    if (Le.u8(b, at + 8) == 0) {
      long valueLength = Le.u32(b, at + 16);
      int valueOffset = Le.u16(b, at + 20);
      if (valueOffset + valueLength > length) {
        throw new GuestFsException("NTFS attribute 0x" + Integer.toHexString(type) + ": value");
      }
      byte[] value =
          java.util.Arrays.copyOfRange(b, at + valueOffset, at + valueOffset + (int) valueLength);
      return new Attribute(type, name, flags, value, 0, List.of(), valueLength, valueLength, 0);
    }
    long lowestVcn = Le.s64(b, at + 16);
    int pairs = Le.u16(b, at + 32);
    if (lowestVcn < 0 || pairs >= length) {
      throw new GuestFsException("NTFS attribute 0x" + Integer.toHexString(type) + ": runlist");
    }
    List<Run> runs = Runlist.decode(b, at + pairs, at + length, lowestVcn, clusters);
    long dataSize = lowestVcn == 0 ? Le.s64(b, at + 48) : -1;
    long initialized = lowestVcn == 0 ? Le.s64(b, at + 56) : -1;
    if (lowestVcn == 0 && (dataSize < 0 || initialized < 0)) {
      throw new GuestFsException("NTFS attribute 0x" + Integer.toHexString(type) + ": size");
    }
    return new Attribute(
        type, name, flags, null, lowestVcn, runs, dataSize, initialized, Le.u8(b, at + 34));
  }
}
