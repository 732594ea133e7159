package io.sendense.image.qcow2;

import static io.sendense.image.qcow2.Qcow2Format.*;

import io.sendense.image.store.ImageChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Writes the metadata of an image after a merge changed some of its L2 tables: the changed tables
 * into free clusters, a new L1 table and new refcounts at the end of the file, a sync, then the
 * header that points to them in one sector write, and a sync. Tables the merge did not change are
 * kept where they are. Until the header is written the image's old metadata is untouched.
 */
final class CommitMetadata {
  private final ImageFile image;
  private final ImageChannel channel;
  private final HostSpace space;
  private final int bits;
  private final int cs;

  CommitMetadata(ImageFile image, ImageChannel channel, HostSpace space) {
    this.image = image;
    this.channel = channel;
    this.space = space;
    this.bits = image.clusterBits();
    this.cs = 1 << bits;
  }

  /**
   * Writes it all; returns the metadata bytes written.
   *
   * @param dirty the changed L2 tables by L1 index (entries as they must be)
   * @param l1 the new L1 table: old offsets for unchanged tables; entries of dirty ones are set
   *     here
   * @param header the new header, without table offsets
   */
  long write(Map<Integer, long[]> dirty, long[] l1, Qcow2Header header) throws IOException {
    long written = 0;
    for (Map.Entry<Integer, long[]> table : dirty.entrySet()) {
      boolean empty = true;
      for (long e : table.getValue()) {
        empty &= e == 0;
      }
      if (empty) {
        l1[table.getKey()] = 0;
        continue;
      }
      long at = space.allocate();
      ByteBuffer b = ByteBuffer.allocate(cs);
      b.asLongBuffer().put(table.getValue());
      writeAt(b, at);
      written += cs;
      l1[table.getKey()] = at | OFLAG_COPIED;
    }
    ByteBuffer l1Buf = ByteBuffer.allocate((int) alignUp(Math.max(8, l1.length * 8L), cs));
    l1Buf.asLongBuffer().put(l1);
    long l1Offset = space.allocateAtEnd(l1Buf.capacity() >> bits);
    writeAt(l1Buf, l1Offset);
    written += l1Buf.capacity();
    Refcounts refs = count(dirty, l1, l1Offset, l1Buf.capacity());
    long[] table = writeRefcounts(refs);
    written += table[2];
    channel.sync();
    Qcow2Header h = header.withTables(l1.length, l1Offset, table[0], (int) table[1]);
    HeaderSector.write(channel, image.path, h);
    channel.sync();
    return written + HeaderSector.SECTOR;
  }

  /** Counts the references of the new mapping: header, L1, L2 tables and data. */
  private Refcounts count(Map<Integer, long[]> dirty, long[] l1, long l1Offset, long l1Bytes)
      throws IOException {
    Refcounts refs = new Refcounts(bits, space.end());
    refs.add(0, cs);
    refs.add(l1Offset, l1Bytes);
    if (image.header.crypto() != null) {
      refs.add(image.header.crypto().offset(), image.header.crypto().length());
    }
    int perL2 = 1 << (bits - 3);
    for (int i = 0; i < l1.length; i++) {
      long l2 = l1[i] & OFFSET_MASK;
      if (l2 == 0) {
        continue;
      }
      refs.add(l2, cs);
      long[] table = dirty.get(i);
      for (int k = 0; k < perL2; k++) {
        long e;
        if (table != null) {
          e = table[k];
        } else {
          long cluster = (long) i * perL2 + k;
          e = cluster < ceilDiv(image.virtualSize(), cs) ? image.entry(cluster) : 0;
        }
        addData(refs, e);
      }
    }
    return refs;
  }

  private void addData(Refcounts refs, long e) {
    if (L2Entry.compressed(e)) {
      refs.add(L2Entry.compressedOffset(e, bits), L2Entry.compressedLength(e, bits));
    } else if ((e & OFFSET_MASK) != 0) {
      refs.add(e & OFFSET_MASK, cs);
    }
  }

  /** Appends refcount blocks and table; returns {table offset, table clusters, bytes written}. */
  private long[] writeRefcounts(Refcounts refs) throws IOException {
    long start = space.end() >>> bits;
    int blocks = 0;
    int tableClusters = 0;
    while (true) {
      int b = refs.blocksFor(start + blocks + tableClusters);
      int tc = (int) ceilDiv(b * 8L, cs);
      if (b == blocks && tc == tableClusters) {
        break;
      }
      blocks = b;
      tableClusters = tc;
    }
    long pos = space.allocateAtEnd(blocks + tableClusters);
    refs.add(pos, (long) (blocks + tableClusters) << bits);
    ByteBuffer table = ByteBuffer.allocate(tableClusters << bits);
    for (int i = 0; i < blocks; i++) {
      long at = pos + ((long) i << bits);
      writeAt(refs.block(i), at);
      table.putLong(i * 8, at);
    }
    long tableOffset = pos + ((long) blocks << bits);
    writeAt(table, tableOffset);
    return new long[] {tableOffset, tableClusters, (long) (blocks + tableClusters) << bits};
  }

  private void writeAt(ByteBuffer buf, long pos) throws IOException {
    buf.clear();
    channel.write(buf, pos);
  }
}
