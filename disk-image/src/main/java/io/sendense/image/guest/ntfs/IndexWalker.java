package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a directory's $I30 index in order: $INDEX_ROOT, then the INDX blocks of $INDEX_ALLOCATION
 * it points to (fixups applied, each block visited once, depth bounded, $BITMAP checked).
 */
final class IndexWalker {
  static final int MAX_DEPTH = 16;
  private static final int HAS_CHILD = 1;
  private static final int LAST = 2;
  private final Mft mft;
  private final NtfsFile dir;
  private final List<IndexEntry> out = new ArrayList<>();
  private final Set<Long> visited = new HashSet<>();
  private NonResidentData allocation;
  private byte[] bitmap;
  private int blockSize;
  private long vcnUnit;

  private IndexWalker(Mft mft, NtfsFile dir) {
    this.mft = mft;
    this.dir = dir;
  }

  static List<IndexEntry> entries(Mft mft, NtfsFile dir) throws IOException {
    return new IndexWalker(mft, dir).walk();
  }

  private List<IndexEntry> walk() throws IOException {
    Attribute root = dir.first(Attribute.INDEX_ROOT, "$I30");
    if (root == null || !root.resident()) {
      throw new GuestFsException(what() + ": no $INDEX_ROOT");
    }
    byte[] r = root.value();
    blockSize = (int) Le.u32(r, 8);
    int cluster = mft.boot().clusterSize();
    vcnUnit = blockSize >= cluster ? cluster : 512;
    List<Attribute> alloc = dir.all(Attribute.INDEX_ALLOCATION, "$I30");
    if (!alloc.isEmpty()) {
      if (blockSize < 512 || blockSize > 65536 || Integer.bitCount(blockSize) != 1) {
        throw new GuestFsException(what() + ": index block size " + blockSize);
      }
      allocation = NonResidentData.of(mft.device(), cluster, alloc);
      bitmap = bitmap();
    }
    node(r, 0x10, 0);
    return out;
  }

  private byte[] bitmap() throws IOException {
    List<Attribute> bm = dir.all(Attribute.BITMAP, "$I30");
    if (bm.isEmpty()) {
      return null;
    }
    if (bm.get(0).resident()) {
      return bm.get(0).value();
    }
    NonResidentData data = NonResidentData.of(mft.device(), mft.boot().clusterSize(), bm);
    if (data.size() > 1 << 20) {
      throw new GuestFsException(what() + ": index bitmap of " + data.size() + " bytes");
    }
    byte[] b = new byte[(int) data.size()];
    data.read(0, b, 0, b.length);
    return b;
  }

  /** Emits the entries of the node whose index header starts at {@code header}. */
  private void node(byte[] b, int header, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new GuestFsException(what() + ": index deeper than " + MAX_DEPTH);
    }
    int at = header + (int) Le.u32(b, header);
    int end = header + (int) Le.u32(b, header + 4);
    if (end > b.length || at < header + 16) {
      throw new GuestFsException(what() + ": index node header is out of range");
    }
    while (true) {
      if (at + 16 > end) {
        throw new GuestFsException(what() + ": index node has no last entry");
      }
      int length = Le.u16(b, at + 8);
      int keyLength = Le.u16(b, at + 10);
      int flags = Le.u16(b, at + 12);
      if (length < 16 || at + length > end || keyLength > length - 16) {
        throw new GuestFsException(what() + ": index entry of length " + length);
      }
      if ((flags & HAS_CHILD) != 0) {
        if (length < 24) {
          throw new GuestFsException(what() + ": index entry without child pointer");
        }
        child(Le.s64(b, at + length - 8), depth + 1);
      }
      if ((flags & LAST) != 0) {
        return;
      }
      long ref = Le.s64(b, at) & 0xffffffffffffL;
      out.add(new IndexEntry(ref, FileName.parse(b, at + 16, keyLength)));
      at += length;
    }
  }

  private void child(long vcn, int depth) throws IOException {
    if (allocation == null) {
      throw new GuestFsException(what() + ": index points to a block without $INDEX_ALLOCATION");
    }
    long block = vcn * vcnUnit / blockSize;
    if (vcn < 0 || vcn > allocation.size() / vcnUnit || !visited.add(vcn)) {
      throw new GuestFsException(what() + ": index block VCN " + vcn + " is bad or repeated");
    }
    if (bitmap != null
        && (block / 8 >= bitmap.length || (bitmap[(int) (block / 8)] >> (block % 8) & 1) == 0)) {
      throw new GuestFsException(what() + ": index block " + block + " is not in use");
    }
    byte[] b = new byte[blockSize];
    allocation.read(vcn * vcnUnit, b, 0, blockSize);
    Fixups.apply(b, "INDX", what() + " index block " + vcn);
    node(b, 0x18, depth);
  }

  private String what() {
    return "NTFS directory record " + dir.number();
  }
}
