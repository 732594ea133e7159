package io.sendense.image.qcow2;

import static io.sendense.image.qcow2.Qcow2Format.*;

import java.nio.ByteBuffer;

/**
 * The raw fixed-size header fields and their range checks, kept apart from {@link Qcow2Header} so
 * that each bound is stated once, next to the field it protects.
 */
final class HeaderFields {
  int version;
  long backingOffset;
  int backingSize;
  int clusterBits;
  long size;
  int l1Size;
  long l1Offset;
  long refcountTableOffset;
  int refcountTableClusters;
  long incompatible;
  int refcountOrder = 4;
  int headerLength = HEADER_V2_LENGTH;
  int compressionType;
  int cryptMethod;
  long fileSize;

  static HeaderFields read(String file, ByteBuffer h, long fileSize) throws CorruptImageException {
    if (h.limit() < HEADER_V2_LENGTH || h.getInt(0) != MAGIC) {
      throw new CorruptImageException(file, "not a QCOW2 image (no QFI\\xfb magic)");
    }
    HeaderFields f = new HeaderFields();
    f.version = h.getInt(4);
    check(file, f.version == 2 || f.version == 3, "unsupported QCOW2 version " + f.version);
    f.backingOffset = h.getLong(8);
    f.backingSize = h.getInt(16);
    f.clusterBits = h.getInt(20);
    check(
        file,
        f.clusterBits >= MIN_CLUSTER_BITS && f.clusterBits <= MAX_CLUSTER_BITS,
        "cluster_bits " + f.clusterBits + " out of range 9..21");
    f.size = h.getLong(24);
    check(file, f.size >= 0 && f.size <= (1L << 62), "virtual size " + f.size + " out of range");
    f.fileSize = fileSize;
    f.cryptMethod = h.getInt(32);
    check(
        file,
        f.cryptMethod != CRYPT_AES,
        "encrypted with qcow's old AES-CBC method, which is not supported;"
            + " convert it with qemu-img to LUKS (encrypt.format=luks) or plain");
    check(
        file,
        f.cryptMethod == CRYPT_NONE || f.cryptMethod == CRYPT_LUKS,
        "unknown encryption method " + f.cryptMethod);
    f.l1Size = h.getInt(36);
    f.l1Offset = h.getLong(40);
    f.refcountTableOffset = h.getLong(48);
    f.refcountTableClusters = h.getInt(56);
    if (f.version == 3) {
      f.readV3(file, h);
    }
    f.checkTables(file, fileSize);
    f.checkBacking(file, h.limit());
    return f;
  }

  private void readV3(String file, ByteBuffer h) throws CorruptImageException {
    check(file, h.limit() >= 104, "version 3 header truncated");
    incompatible = h.getLong(72);
    refcountOrder = h.getInt(96);
    headerLength = h.getInt(100);
    check(
        file,
        refcountOrder >= 0 && refcountOrder <= 6,
        "refcount_order " + refcountOrder + " out of range 0..6");
    check(
        file,
        headerLength >= 104 && headerLength <= h.limit(),
        "header_length " + headerLength + " out of range");
    compressionType = headerLength > 104 ? h.get(104) & 0xff : 0;
    check(file, compressionType <= 1, "unknown compression type " + compressionType);
    check(
        file,
        compressionType == 0 || (incompatible & INCOMPAT_COMPRESSION) != 0,
        "compression type set without the compression incompatible feature bit");
    check(file, (incompatible & INCOMPAT_CORRUPT) == 0, "image is marked corrupt by qemu");
    check(file, (incompatible & INCOMPAT_DATA_FILE) == 0, "external data files are not supported");
    check(file, (incompatible & INCOMPAT_EXTL2) == 0, "extended L2 entries are not supported");
    long known = INCOMPAT_DIRTY | INCOMPAT_COMPRESSION;
    check(
        file,
        (incompatible & ~known) == 0,
        "unknown incompatible features 0x" + Long.toHexString(incompatible & ~known));
  }

  private void checkTables(String file, long fileSize) throws CorruptImageException {
    long cluster = 1L << clusterBits;
    long needed = l1EntriesFor(size, clusterBits);
    check(
        file,
        l1Size >= needed,
        "L1 table has " + l1Size + " entries, virtual size needs " + needed);
    long l1Bytes = 8L * l1Size;
    check(file, l1Bytes <= MAX_L1_BYTES, "L1 table of " + l1Bytes + " bytes is too large");
    check(
        file,
        l1Size == 0 || (l1Offset > 0 && l1Offset % cluster == 0),
        "L1 table offset " + l1Offset + " is not cluster aligned");
    check(
        file,
        l1Size == 0 || l1Offset <= fileSize - l1Bytes,
        "L1 table at "
            + l1Offset
            + " ("
            + l1Bytes
            + " bytes) ends past the end of the file ("
            + fileSize
            + " bytes); the file is truncated or the header is damaged");
    long rtBytes = (long) refcountTableClusters << clusterBits;
    check(
        file,
        refcountTableClusters >= 0 && rtBytes <= MAX_REFTABLE_BYTES,
        "refcount table of " + refcountTableClusters + " clusters is too large");
    check(
        file,
        refcountTableOffset >= 0 && refcountTableOffset % cluster == 0,
        "refcount table offset " + refcountTableOffset + " is not cluster aligned");
    check(
        file,
        refcountTableOffset <= fileSize - rtBytes,
        "refcount table at "
            + refcountTableOffset
            + " ("
            + rtBytes
            + " bytes) ends past the end of the file ("
            + fileSize
            + " bytes); the file is truncated or the header is damaged");
  }

  private void checkBacking(String file, int headLimit) throws CorruptImageException {
    if (backingSize == 0) {
      return;
    }
    check(
        file,
        backingSize > 0 && backingSize <= MAX_BACKING_NAME,
        "backing file name length " + backingSize + " out of range 1..1023");
    check(
        file,
        backingOffset >= headerLength && backingOffset <= headLimit - backingSize,
        "backing file name at " + backingOffset + " lies outside the header cluster");
  }

  private static void check(String file, boolean ok, String problem) throws CorruptImageException {
    if (!ok) {
      throw new CorruptImageException(file, problem);
    }
  }
}
