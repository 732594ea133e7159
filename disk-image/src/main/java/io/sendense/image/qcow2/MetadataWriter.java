package io.sendense.image.qcow2;

import static io.sendense.image.qcow2.Qcow2Format.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Appends the metadata of an image after its data (L2 tables, L1 table, refcount blocks, refcount
 * table), syncs, then writes the header that points to it and syncs again. Until the header is
 * written the file has no valid header, so a crash at any moment leaves either the previous
 * consistent state or an image that refuses to open.
 */
final class MetadataWriter {
  private final FileChannel channel;
  private final ClusterMap map;
  private final int bits;
  private final int cs;

  MetadataWriter(FileChannel channel, ClusterMap map, int clusterBits) {
    this.channel = channel;
    this.map = map;
    this.bits = clusterBits;
    this.cs = 1 << clusterBits;
  }

  /** Writes everything and returns the new end of the file. */
  long write(long dataEnd, Qcow2Header template) throws IOException {
    channel.force(false);
    Refcounts refs = new Refcounts(bits, dataEnd);
    refs.add(0, cs);
    long pos = dataEnd;
    long[] l1 = new long[map.l1Size()];
    for (int i = 0; i < l1.length; i++) {
      AtomicLongArray table = map.table(i);
      if (table != null && countData(table, refs)) {
        writeAt(encode(table), pos);
        refs.add(pos, cs);
        l1[i] = pos | OFLAG_COPIED;
        pos += cs;
      }
    }
    long l1Offset = pos;
    ByteBuffer l1Buf = ByteBuffer.allocate((int) alignUp(Math.max(8, l1.length * 8L), cs));
    l1Buf.asLongBuffer().put(l1);
    writeAt(l1Buf, l1Offset);
    refs.add(l1Offset, l1Buf.capacity());
    pos += l1Buf.capacity();
    return writeRefcounts(refs, pos, l1Offset, l1.length, template);
  }

  private long writeRefcounts(Refcounts refs, long pos, long l1Offset, int l1Size, Qcow2Header t)
      throws IOException {
    long start = pos >>> bits;
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
    refs.add(pos, (long) (blocks + tableClusters) << bits);
    ByteBuffer table = ByteBuffer.allocate(tableClusters << bits);
    for (int i = 0; i < blocks; i++) {
      long at = pos + ((long) i << bits);
      writeAt(refs.block(i), at);
      table.putLong(i * 8, at);
    }
    long tableOffset = pos + ((long) blocks << bits);
    writeAt(table, tableOffset);
    channel.force(false);
    Qcow2Header header =
        new Qcow2Header(
            3,
            bits,
            t.virtualSize(),
            l1Size,
            l1Offset,
            tableOffset,
            tableClusters,
            t.incompatibleFeatures(),
            Refcounts.ORDER,
            t.compressionType(),
            t.backingFile(),
            t.backingFormat());
    writeAt(header.encode(), 0);
    channel.force(false);
    return tableOffset + ((long) tableClusters << bits);
  }

  /** Adds the references of one L2 table's entries; returns false if the table is all empty. */
  private boolean countData(AtomicLongArray table, Refcounts refs) {
    boolean any = false;
    for (int i = 0; i < table.length(); i++) {
      long e = table.get(i);
      any |= e != 0;
      if (L2Entry.compressed(e)) {
        refs.add(L2Entry.compressedOffset(e, bits), L2Entry.compressedLength(e, bits));
      } else if (L2Entry.dataOffset(e) != 0) {
        refs.add(L2Entry.dataOffset(e), cs);
      }
    }
    return any;
  }

  private ByteBuffer encode(AtomicLongArray table) {
    ByteBuffer b = ByteBuffer.allocate(cs);
    for (int i = 0; i < table.length(); i++) {
      b.putLong(i * 8, table.get(i));
    }
    return b;
  }

  private void writeAt(ByteBuffer buf, long pos) throws IOException {
    buf.clear();
    while (buf.hasRemaining()) {
      pos += channel.write(buf, pos);
    }
  }
}
