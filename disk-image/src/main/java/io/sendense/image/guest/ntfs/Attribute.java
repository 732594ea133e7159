package io.sendense.image.guest.ntfs;

import java.util.List;

/**
 * One attribute of an MFT record. Resident attributes carry {@code value}; non-resident ones carry
 * the runs of their fragment ({@code lowestVcn} onwards) and, in the first fragment, the sizes.
 */
record Attribute(
    int type,
    String name,
    int flags,
    byte[] value,
    long lowestVcn,
    List<Run> runs,
    long dataSize,
    long initializedSize,
    int compressionUnit) {
  static final int STANDARD_INFORMATION = 0x10;
  static final int ATTRIBUTE_LIST = 0x20;
  static final int FILE_NAME = 0x30;
  static final int VOLUME_NAME = 0x60;
  static final int DATA = 0x80;
  static final int INDEX_ROOT = 0x90;
  static final int INDEX_ALLOCATION = 0xa0;
  static final int BITMAP = 0xb0;
  static final int REPARSE_POINT = 0xc0;

  static final int FLAG_COMPRESSED = 0x00ff;
  static final int FLAG_ENCRYPTED = 0x4000;

  boolean resident() {
    return value != null;
  }

  boolean compressed() {
    // sparse attributes carry a compression unit too (ntfs-3g sets it): only the flags tell
    return (flags & FLAG_COMPRESSED) != 0;
  }

  boolean encrypted() {
    return (flags & FLAG_ENCRYPTED) != 0;
  }
}
