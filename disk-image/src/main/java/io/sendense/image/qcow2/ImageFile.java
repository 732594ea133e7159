package io.sendense.image.qcow2;

import static io.sendense.image.qcow2.Qcow2Format.*;

import io.sendense.image.luks.LuksFormatException;
import io.sendense.image.luks.LuksHeader;
import io.sendense.image.luks.Passphrase;
import io.sendense.image.luks.XtsAes;
import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One QCOW2 file opened for reading: its header, its L1 table and a cache of its L2 tables. It
 * answers "what does this file hold for guest cluster n" and validates every offset it hands out
 * against the file size, so a hostile file can neither make us read outside it nor allocate more
 * memory than the file could describe. Opened read-only. Thread-safe: all I/O is positional.
 */
final class ImageFile implements Closeable {
  private static final int L2_CACHE_BYTES = 32 << 20;

  /** The image's name in its store. */
  final String name;

  /** Where the image is, for messages. */
  final String path;

  final Qcow2Header header;
  final long fileSize;
  private final ImageChannel channel;
  private final long[] l1;
  private final L2Cache l2Cache;
  private volatile XtsAes cipher;

  private ImageFile(
      String name,
      String path,
      ImageChannel channel,
      long fileSize,
      Qcow2Header header,
      long[] l1) {
    this.name = name;
    this.path = path;
    this.channel = channel;
    this.fileSize = fileSize;
    this.header = header;
    this.l1 = l1;
    this.l2Cache = new L2Cache(Math.max(16, L2_CACHE_BYTES >> header.clusterBits()));
  }

  static ImageFile open(ImageStore store, String name) throws IOException {
    String path = store.location(name);
    ImageChannel ch = store.open(name, false);
    try {
      long size = ch.size();
      ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 1 << MIN_CLUSTER_BITS));
      readFully(ch, path, head, 0);
      int bits = head.limit() >= 24 ? head.getInt(20) : 0;
      if (bits >= MIN_CLUSTER_BITS
          && bits <= MAX_CLUSTER_BITS
          && head.limit() < Math.min(size, 1L << bits)) {
        head = ByteBuffer.allocate((int) Math.min(size, 1L << bits));
        readFully(ch, path, head, 0);
      }
      Qcow2Header header = Qcow2Header.parse(path, head.clear(), size);
      ByteBuffer l1 = ByteBuffer.allocate(header.l1Size() * 8);
      readFully(ch, path, l1, header.l1TableOffset());
      long[] entries = new long[header.l1Size()];
      l1.flip().asLongBuffer().get(entries);
      checkNoSharedL2(path, entries);
      return new ImageFile(name, path, ch, size, header, entries);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Two L1 entries pointing to one L2 table would let a small file describe an unbounded number of
   * allocated ranges; qemu never writes that, so it is treated as corruption.
   */
  private static void checkNoSharedL2(String path, long[] l1) throws CorruptImageException {
    java.util.Map<Long, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < l1.length; i++) {
      long offset = l1[i] & OFFSET_MASK;
      Integer other = offset == 0 ? null : seen.putIfAbsent(offset, i);
      if (other != null) {
        throw new CorruptImageException(
            path, "L1 entries " + other + " and " + i + " share the L2 table at offset " + offset);
      }
    }
  }

  boolean encrypted() {
    return header.encrypted();
  }

  /**
   * Unlocks an encrypted image's data with {@code passphrase}; nothing for a plain image.
   *
   * @throws WrongPassphraseException if no key slot accepts it
   */
  void unlock(Passphrase passphrase) throws IOException {
    Qcow2Header.CryptoArea area = header.crypto();
    if (area == null || cipher != null) {
      return;
    }
    if (area.length() < LuksHeader.HEADER_BYTES) {
      throw new CorruptImageException(path, "LUKS header area of " + area.length() + " bytes");
    }
    ByteBuffer raw = ByteBuffer.allocate(LuksHeader.HEADER_BYTES);
    readFully(raw, area.offset());
    LuksHeader luks;
    try {
      luks = LuksHeader.parse(raw.array(), area.length());
    } catch (LuksFormatException e) {
      throw new CorruptImageException(path, "LUKS header: " + e.getMessage());
    }
    byte[] master =
        luks.unlock(
            passphrase,
            (offset, length) -> {
              ByteBuffer b = ByteBuffer.allocate(length);
              readFully(b, area.offset() + offset);
              return b.array();
            });
    if (master == null) {
      throw new WrongPassphraseException(path);
    }
    cipher = new XtsAes(master);
    java.util.Arrays.fill(master, (byte) 0);
  }

  /** The data cipher of an unlocked encrypted image; null for a plain one. */
  XtsAes cipher() throws PassphraseRequiredException {
    if (header.encrypted() && cipher == null) {
      throw new PassphraseRequiredException(path);
    }
    return cipher;
  }

  /**
   * Reads {@code len} bytes of guest data stored at host offset {@code host} into {@code dst},
   * decrypting them when the image is encrypted (whole sectors are read around the range).
   */
  void readData(byte[] dst, int off, int len, long host) throws IOException {
    XtsAes c = cipher();
    if (c == null) {
      readData(ByteBuffer.wrap(dst, off, len), host);
      return;
    }
    long start = host & ~(XtsAes.SECTOR - 1L);
    int total = (int) (Qcow2Format.alignUp(host + len, XtsAes.SECTOR) - start);
    if (start == host && total == len) {
      readData(ByteBuffer.wrap(dst, off, len), host);
      c.decrypt(dst, off, len, host / XtsAes.SECTOR);
      return;
    }
    byte[] sectors = new byte[total];
    readData(ByteBuffer.wrap(sectors), start);
    c.decrypt(sectors, 0, total, start / XtsAes.SECTOR);
    System.arraycopy(sectors, (int) (host - start), dst, off, len);
  }

  int clusterBits() {
    return header.clusterBits();
  }

  long virtualSize() {
    return header.virtualSize();
  }

  /** Number of L1 entries (each covering one L2 table's worth of guest clusters). */
  int l1Size() {
    return l1.length;
  }

  /** True if nothing in the L1 entry's range is allocated in this file. */
  boolean l1Empty(long l1Index) {
    return l1Index >= l1.length || (l1[(int) l1Index] & OFFSET_MASK) == 0;
  }

  /** Host offset of the L2 table of an L1 entry (0 if none). */
  long l2Offset(long l1Index) {
    return l1Empty(l1Index) ? 0 : l1[(int) l1Index] & OFFSET_MASK;
  }

  /** The raw L2 entry for a guest cluster, or 0 when unallocated; offsets are validated. */
  long entry(long guestCluster) throws IOException {
    int l2Bits = clusterBits() - 3;
    long l1Index = guestCluster >>> l2Bits;
    if (l1Empty(l1Index)) {
      return 0;
    }
    long l2Offset = l1[(int) l1Index] & OFFSET_MASK;
    long[] table = l2Cache.get(l2Offset);
    if (table == null) {
      table = loadL2(l2Offset);
    }
    long entry = table[(int) (guestCluster & ((1L << l2Bits) - 1))];
    validate(entry, guestCluster);
    return entry;
  }

  private long[] loadL2(long l2Offset) throws IOException {
    int cs = header.clusterSize();
    if (l2Offset % cs != 0 || l2Offset + cs > fileSize) {
      throw new CorruptImageException(
          path,
          "L2 table offset "
              + l2Offset
              + " is unaligned or past the end of the file ("
              + fileSize
              + " bytes)");
    }
    ByteBuffer buf = ByteBuffer.allocate(cs);
    readFully(channel, path, buf, l2Offset);
    long[] table = new long[cs / 8];
    buf.flip().asLongBuffer().get(table);
    l2Cache.put(l2Offset, table);
    return table;
  }

  private void validate(long entry, long guestCluster) throws CorruptImageException {
    if ((entry & OFLAG_COMPRESSED) != 0) {
      long off = L2Entry.compressedOffset(entry, clusterBits());
      if (off >= fileSize) {
        throw new CorruptImageException(
            path,
            "compressed cluster "
                + guestCluster
                + " points to offset "
                + off
                + " past the end of the file ("
                + fileSize
                + " bytes)");
      }
    } else {
      long off = entry & OFFSET_MASK;
      if (off != 0 && (off % header.clusterSize() != 0 || off >= fileSize)) {
        throw new CorruptImageException(
            path,
            "data cluster "
                + guestCluster
                + " points to offset "
                + off
                + ", unaligned or past the end of the file ("
                + fileSize
                + " bytes)");
      }
    }
  }

  /** Reads {@code dst.remaining()} bytes at {@code pos}; bytes past the end of file read as 0. */
  void readData(ByteBuffer dst, long pos) throws IOException {
    channel.readOrZero(dst, pos);
  }

  /** Reads {@code dst.remaining()} bytes at {@code pos}; fails if the file ends first. */
  void readFully(ByteBuffer dst, long pos) throws IOException {
    readFully(channel, path, dst, pos);
  }

  static void readFully(ImageChannel ch, String path, ByteBuffer dst, long pos) throws IOException {
    while (dst.hasRemaining()) {
      int n = ch.read(dst, pos);
      if (n < 0) {
        throw new CorruptImageException(
            path, "unexpected end of file at offset " + pos + "; the file is truncated");
      }
      pos += n;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
