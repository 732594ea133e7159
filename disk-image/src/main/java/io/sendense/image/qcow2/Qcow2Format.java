package io.sendense.image.qcow2;

/** Constants of the QCOW2 on-disk format (qemu docs/interop/qcow2.txt), in one place. */
final class Qcow2Format {
  static final int MAGIC = 0x514649fb;
  static final int HEADER_V2_LENGTH = 72;
  static final int HEADER_V3_LENGTH = 112;
  static final int MIN_CLUSTER_BITS = 9;
  static final int MAX_CLUSTER_BITS = 21;
  static final int MAX_BACKING_NAME = 1023;
  static final long MAX_L1_BYTES = 32L << 20;
  static final long MAX_REFTABLE_BYTES = 8L << 20 << 3;

  static final int EXT_END = 0;
  static final int EXT_BACKING_FORMAT = 0xE2792ACA;
  static final int EXT_CRYPTO_HEADER = 0x0537be77;

  static final int CRYPT_NONE = 0;
  static final int CRYPT_AES = 1;
  static final int CRYPT_LUKS = 2;

  static final long INCOMPAT_DIRTY = 1;
  static final long INCOMPAT_CORRUPT = 1 << 1;
  static final long INCOMPAT_DATA_FILE = 1 << 2;
  static final long INCOMPAT_COMPRESSION = 1 << 3;
  static final long INCOMPAT_EXTL2 = 1 << 4;

  static final long OFLAG_COPIED = 1L << 63;
  static final long OFLAG_COMPRESSED = 1L << 62;
  static final long OFLAG_ZERO = 1;
  static final long OFFSET_MASK = 0x00fffffffffffe00L;
  static final long L1_RESERVED = 0x7f000000000001ffL;

  private Qcow2Format() {}

  /** Entries of one L2 table (one cluster of 8-byte entries). */
  static int l2Entries(int clusterBits) {
    return 1 << (clusterBits - 3);
  }

  /** L1 entries needed for a virtual size. */
  static long l1EntriesFor(long virtualSize, int clusterBits) {
    long clusters = ceilDiv(virtualSize, 1L << clusterBits);
    return ceilDiv(clusters, l2Entries(clusterBits));
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  static long alignUp(long value, long alignment) {
    return ceilDiv(value, alignment) * alignment;
  }

  /** Number of bits for the host offset in a compressed L2 entry. */
  static int compressedOffsetBits(int clusterBits) {
    return 62 - (clusterBits - 8);
  }
}
