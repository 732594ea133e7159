package io.sendense.image.qcow2;

import static io.sendense.image.qcow2.Qcow2Format.*;

import io.sendense.image.store.ImageChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Writes the metadata of the image being built, in place, so that checkpoints cost what changed and
 * leave nothing dead behind. The L1 table sits right after the header; each L2 table gets one
 * cluster when it first holds an entry and is rewritten there whenever it changed.
 *
 * <p>Crash safety comes from the order, with a sync between the steps: data, then L2 tables, then
 * the L1 table when it links a new L2 table, then (once) the header. Every entry that reaches the
 * file points to data already synced, and a write cut short leaves each entry either at its value
 * of the previous checkpoint or at its new one; both are sound, and a resumed writer rewrites
 * everything after its last checkpoint anyway. Host space is only ever appended, so nothing an old
 * entry points to is reused. Refcounts are written once, at {@link #commit}, after the data: a
 * partial file never needs them (only {@link Qcow2Writer#resume} reads it, and it rebuilds them).
 */
final class MetadataWriter {
  private final ImageChannel channel;
  private final ClusterMap map;
  private final HostAllocator allocator;
  private final Qcow2Header template;
  private final int bits;
  private final int cs;
  private final long l1Offset;
  private final long[] l2Hosts;
  private boolean headerWritten;

  /**
   * @param l2Hosts host offset of each L1 entry's L2 table (0: none yet); owned from now on
   * @param headerWritten whether the file already has a header (a resumed partial file)
   */
  MetadataWriter(
      ImageChannel channel,
      ClusterMap map,
      HostAllocator allocator,
      Qcow2Header template,
      long l1Offset,
      long[] l2Hosts,
      boolean headerWritten) {
    this.channel = channel;
    this.map = map;
    this.allocator = allocator;
    this.template = template;
    this.bits = template.clusterBits();
    this.cs = 1 << bits;
    this.l1Offset = l1Offset;
    this.l2Hosts = l2Hosts;
    this.headerWritten = headerWritten;
  }

  /** Bytes of the L1 table of {@code l1Size} entries, whole clusters. */
  static long l1Bytes(int l1Size, int clusterBits) {
    return alignUp(Math.max(8, l1Size * 8L), 1L << clusterBits);
  }

  /** Makes the file a consistent image of everything written so far. */
  void checkpoint() throws IOException {
    channel.sync();
    boolean linked = false;
    for (int i = 0; i < l2Hosts.length; i++) {
      AtomicLongArray table = map.table(i);
      if (!map.takeDirty(i) || table == null) {
        continue;
      }
      if (l2Hosts[i] == 0) {
        if (empty(table)) {
          continue;
        }
        l2Hosts[i] = allocator.clusters(1);
        linked = true;
      }
      writeAt(encode(table), l2Hosts[i]);
    }
    if (linked || !headerWritten) {
      channel.sync();
      writeAt(l1Table(), l1Offset);
    }
    if (!headerWritten) {
      channel.sync();
      writeAt(header(0, 0).encode(), 0);
      headerWritten = true;
    }
    channel.sync();
  }

  /** Checkpoints, then adds the refcounts and the header that points to them; syncs. */
  void commit() throws IOException {
    checkpoint();
    long end = allocator.end();
    Refcounts refs = new Refcounts(bits, end);
    refs.add(0, cs);
    refs.add(l1Offset, l1Bytes(l2Hosts.length, bits));
    if (template.crypto() != null) {
      refs.add(template.crypto().offset(), template.crypto().length());
    }
    for (int i = 0; i < l2Hosts.length; i++) {
      if (l2Hosts[i] != 0) {
        refs.add(l2Hosts[i], cs);
        countData(map.table(i), refs);
      }
    }
    writeRefcounts(refs, end);
  }

  private void writeRefcounts(Refcounts refs, long pos) throws IOException {
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
    allocator.moveEnd(tableOffset + ((long) tableClusters << bits));
    channel.sync();
    writeAt(header(tableOffset, tableClusters).encode(), 0);
    channel.sync();
  }

  private Qcow2Header header(long refcountTableOffset, int refcountTableClusters) {
    return template.withTables(
        l2Hosts.length, l1Offset, refcountTableOffset, refcountTableClusters);
  }

  private ByteBuffer l1Table() {
    ByteBuffer b = ByteBuffer.allocate((int) l1Bytes(l2Hosts.length, bits));
    for (int i = 0; i < l2Hosts.length; i++) {
      b.putLong(i * 8, l2Hosts[i] == 0 ? 0 : l2Hosts[i] | OFLAG_COPIED);
    }
    return b;
  }

  private static boolean empty(AtomicLongArray table) {
    for (int i = 0; i < table.length(); i++) {
      if (table.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  /** Adds the references of one L2 table's entries. */
  private void countData(AtomicLongArray table, Refcounts refs) {
    for (int i = 0; table != null && i < table.length(); i++) {
      long e = table.get(i);
      if (L2Entry.compressed(e)) {
        refs.add(L2Entry.compressedOffset(e, bits), L2Entry.compressedLength(e, bits));
      } else if (L2Entry.dataOffset(e) != 0) {
        refs.add(L2Entry.dataOffset(e), cs);
      }
    }
  }

  private ByteBuffer encode(AtomicLongArray table) {
    ByteBuffer b = ByteBuffer.allocate(cs);
    for (int i = 0; i < table.length(); i++) {
      b.putLong(i * 8, table.get(i));
    }
    return b;
  }

  private void writeAt(ByteBuffer buf, long pos) throws IOException {
    channel.write(buf.clear(), pos);
  }
}
