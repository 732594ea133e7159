package io.sendense.image.qcow2;

import static io.sendense.image.qcow2.Qcow2Format.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The fields of a QCOW2 header (version 2 or 3) that this module understands, plus the backing file
 * name and backing format from the header cluster. {@link #parse} bounds every field by the file
 * size, so later code can trust the offsets and sizes it finds here.
 */
record Qcow2Header(
    int version,
    int clusterBits,
    long virtualSize,
    int l1Size,
    long l1TableOffset,
    long refcountTableOffset,
    int refcountTableClusters,
    long incompatibleFeatures,
    int refcountOrder,
    int compressionType,
    String backingFile,
    String backingFormat,
    CryptoArea crypto) {

  /** LUKS encryption (crypt_method 2): where the LUKS header and key slots lie in the file. */
  record CryptoArea(long offset, long length) {}

  /** A header without encryption. */
  Qcow2Header(
      int version,
      int clusterBits,
      long virtualSize,
      int l1Size,
      long l1TableOffset,
      long refcountTableOffset,
      int refcountTableClusters,
      long incompatibleFeatures,
      int refcountOrder,
      int compressionType,
      String backingFile,
      String backingFormat) {
    this(
        version,
        clusterBits,
        virtualSize,
        l1Size,
        l1TableOffset,
        refcountTableOffset,
        refcountTableClusters,
        incompatibleFeatures,
        refcountOrder,
        compressionType,
        backingFile,
        backingFormat,
        null);
  }

  /** The same header with other table offsets, keeping everything else (encryption included). */
  Qcow2Header withTables(
      int l1Size, long l1TableOffset, long refcountTableOffset, int refcountTableClusters) {
    return new Qcow2Header(
        3,
        clusterBits,
        virtualSize,
        l1Size,
        l1TableOffset,
        refcountTableOffset,
        refcountTableClusters,
        incompatibleFeatures,
        Refcounts.ORDER,
        compressionType,
        backingFile,
        backingFormat,
        crypto);
  }

  boolean encrypted() {
    return crypto != null;
  }

  int clusterSize() {
    return 1 << clusterBits;
  }

  boolean dirty() {
    return (incompatibleFeatures & INCOMPAT_DIRTY) != 0;
  }

  Compression compression() {
    return Compression.ofHeaderType(compressionType);
  }

  /** Parses and validates the header cluster (or the whole file, if shorter) of {@code file}. */
  static Qcow2Header parse(String file, ByteBuffer head, long fileSize)
      throws CorruptImageException {
    HeaderFields f = HeaderFields.read(file, head, fileSize);
    CryptoArea[] crypto = new CryptoArea[1];
    String[] backing = readExtensions(file, head, f, crypto);
    if (f.cryptMethod == CRYPT_LUKS && crypto[0] == null) {
      throw new CorruptImageException(
          file, "LUKS-encrypted image without its crypto header extension");
    }
    return new Qcow2Header(
        f.version,
        f.clusterBits,
        f.size,
        f.l1Size,
        f.l1Offset,
        f.refcountTableOffset,
        f.refcountTableClusters,
        f.incompatible,
        f.refcountOrder,
        f.compressionType,
        backing[0],
        backing[1],
        crypto[0]);
  }

  private static String[] readExtensions(
      String file, ByteBuffer head, HeaderFields f, CryptoArea[] crypto)
      throws CorruptImageException {
    String format = null;
    int pos = f.headerLength;
    int limit = f.backingOffset > 0 ? (int) f.backingOffset : head.limit();
    while (pos + 8 <= limit) {
      int type = head.getInt(pos);
      int len = head.getInt(pos + 4);
      if (type == EXT_END) {
        break;
      }
      if (len < 0 || pos + 8L + len > limit) {
        throw new CorruptImageException(
            file,
            "header extension 0x"
                + Integer.toHexString(type)
                + " of "
                + len
                + " bytes runs past the header cluster");
      }
      if (type == EXT_BACKING_FORMAT) {
        format = string(head, pos + 8, len);
      } else if (type == EXT_CRYPTO_HEADER) {
        crypto[0] = cryptoArea(file, head, pos, len, f);
      }
      pos += 8 + (int) alignUp(len, 8);
    }
    String name = f.backingSize == 0 ? null : string(head, (int) f.backingOffset, f.backingSize);
    return new String[] {name, format};
  }

  private static CryptoArea cryptoArea(
      String file, ByteBuffer head, int pos, int len, HeaderFields f) throws CorruptImageException {
    if (f.cryptMethod != CRYPT_LUKS || len != 16) {
      throw new CorruptImageException(
          file,
          "crypto header extension of " + len + " bytes without LUKS encryption in the header");
    }
    long offset = head.getLong(pos + 8);
    long length = head.getLong(pos + 16);
    if (offset <= 0
        || offset % (1L << f.clusterBits) != 0
        || length <= 0
        || length > f.fileSize
        || offset > f.fileSize - length) {
      throw new CorruptImageException(
          file,
          "LUKS header area at "
              + offset
              + " ("
              + length
              + " bytes) is unaligned or lies past the end of the file");
    }
    return new CryptoArea(offset, length);
  }

  private static String string(ByteBuffer head, int pos, int len) {
    byte[] bytes = new byte[len];
    head.get(pos, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Encodes a version 3 header cluster with the backing file name and format extension. */
  ByteBuffer encode() {
    ByteBuffer b = ByteBuffer.allocate(clusterSize());
    byte[] name = backingFile == null ? new byte[0] : backingFile.getBytes(StandardCharsets.UTF_8);
    byte[] format = backingFormat == null ? null : backingFormat.getBytes(StandardCharsets.UTF_8);
    int extPos = HEADER_V3_LENGTH;
    int cryptoPos = extPos + (format == null ? 0 : 8 + (int) alignUp(format.length, 8));
    int extEnd = cryptoPos + (crypto == null ? 0 : 8 + 16);
    int nameOffset = extEnd + 8;
    b.putInt(0, MAGIC).putInt(4, 3).putLong(8, name.length == 0 ? 0 : nameOffset);
    b.putInt(16, name.length).putInt(20, clusterBits).putLong(24, virtualSize);
    b.putInt(32, crypto == null ? 0 : CRYPT_LUKS).putInt(36, l1Size).putLong(40, l1TableOffset);
    b.putLong(48, refcountTableOffset).putInt(56, refcountTableClusters);
    b.putInt(60, 0).putLong(64, 0).putLong(72, incompatibleFeatures);
    b.putLong(80, 0).putLong(88, 0).putInt(96, refcountOrder).putInt(100, HEADER_V3_LENGTH);
    b.put(104, (byte) compressionType);
    if (format != null) {
      b.putInt(extPos, EXT_BACKING_FORMAT).putInt(extPos + 4, format.length);
      b.put(extPos + 8, format);
    }
    if (crypto != null) {
      b.putInt(cryptoPos, EXT_CRYPTO_HEADER).putInt(cryptoPos + 4, 16);
      b.putLong(cryptoPos + 8, crypto.offset()).putLong(cryptoPos + 16, crypto.length());
    }
    b.putInt(extEnd, EXT_END).putInt(extEnd + 4, 0);
    b.put(nameOffset, name);
    return b;
  }

  /** Header size needed in cluster 0 for a backing file name and format, unencrypted. */
  static int encodedLength(String backingFile, String backingFormat) {
    int name = backingFile == null ? 0 : backingFile.getBytes(StandardCharsets.UTF_8).length;
    int format = backingFormat == null ? 0 : 8 + (int) alignUp(backingFormat.length(), 8);
    return HEADER_V3_LENGTH + format + 8 + name;
  }

  /** Header size this header needs in cluster 0. */
  int encodedLength() {
    return encodedLength(backingFile, backingFormat) + (crypto == null ? 0 : 8 + 16);
  }
}
