package io.sendense.image.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Splits a guest write into clusters and decides, per cluster, what to store: nothing or a zero
 * entry for all-zero data, contiguous fresh clusters for runs of new data, an in-place overwrite
 * for clusters this image already holds, and read-modify-write for partial clusters (merging with
 * this image's or the parent chain's content). Writes to the same cluster from several threads are
 * serialized by striped locks; writes to different clusters run in parallel.
 */
final class WritePath {
  private static final int STRIPES = 1024;

  private final ClusterStore store;
  private final ClusterMap map;
  private final Qcow2Chain parent;
  private final long virtualSize;
  private final int bits;
  private final int cs;
  private final Object[] stripes = new Object[STRIPES];
  private final ThreadLocal<FreshBatch> batches;
  private final ThreadLocal<ByteBuffer> staging;
  private final ThreadLocal<PackedBatch> packedBatches;
  private final ThreadLocal<byte[]> compressed;
  private final ChangeFilter changes;

  WritePath(ClusterStore store, ClusterMap map, Qcow2Chain parent, Qcow2Options options) {
    this.store = store;
    this.map = map;
    this.parent = parent;
    this.virtualSize = options.virtualSize();
    this.bits = options.clusterBits();
    this.cs = options.clusterSize();
    this.batches = ThreadLocal.withInitial(() -> new FreshBatch(bits));
    this.packedBatches = ThreadLocal.withInitial(() -> new PackedBatch(bits));
    this.compressed = ThreadLocal.withInitial(() -> new byte[cs]);
    int stagingBytes = Math.max(FreshBatch.MAX_BYTES, cs);
    this.staging = ThreadLocal.withInitial(() -> Buffers.aligned(stagingBytes));
    this.changes = new ChangeFilter(store, map, parent, options);
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  void write(long offset, ByteBuffer src) throws IOException {
    int pos = src.position();
    int end = src.limit();
    while (pos < end) {
      long cluster = offset >>> bits;
      int in = (int) (offset & (cs - 1));
      int guestLen = guestLength(cluster);
      int n = Math.min(end - pos, guestLen - in);
      if (in == 0 && n == guestLen) {
        int count = 1;
        while (pos + n < end && guestLength(cluster + count) <= end - pos - n) {
          n += guestLength(cluster + count);
          count++;
        }
        fullClusters(cluster, count, src, pos, n);
      } else {
        partialCluster(cluster, in, src, pos, n);
      }
      pos += n;
      offset += n;
    }
    src.position(end);
  }

  /**
   * Writes only the clusters (or parts of clusters) of {@code src} whose content differs from what
   * the image reads there now; consumes the buffer and returns the bytes written. With {@code
   * zeros}, {@code src} is known to hold only zeros.
   */
  long writeIfChanged(long offset, ByteBuffer src, boolean zeros) throws IOException {
    int pos = src.position();
    int end = src.limit();
    long written = 0;
    int run = -1;
    long runOffset = 0;
    while (pos < end) {
      long cluster = offset >>> bits;
      int in = (int) (offset & (cs - 1));
      int n = Math.min(end - pos, guestLength(cluster) - in);
      boolean differs;
      synchronized (stripe(cluster)) {
        differs = changes.differs(cluster, in, src, pos, n, zeros);
      }
      if (differs && run < 0) {
        run = pos;
        runOffset = offset;
      } else if (!differs && run >= 0) {
        write(runOffset, src.slice(run, pos - run));
        written += pos - run;
        run = -1;
      }
      pos += n;
      offset += n;
    }
    if (run >= 0) {
      write(runOffset, src.slice(run, end - run));
      written += end - run;
    }
    src.position(end);
    return written;
  }

  private int guestLength(long cluster) {
    return (int) Math.min(cs, virtualSize - (cluster << bits));
  }

  private void fullClusters(long first, int count, ByteBuffer src, int pos, int len)
      throws IOException {
    FreshBatch batch = batches.get();
    PackedBatch packed = store.compressing() ? packedBatches.get() : null;
    byte[] out = packed == null ? null : compressed.get();
    for (int i = 0; i < count; i++) {
      int at = pos + (i << bits);
      int clen = Math.min(cs, pos + len - at);
      int size = -1;
      if (ClusterStore.isZero(src, at, clen)) {
        setZero(first + i);
      } else if (map.get(first + i) != 0) {
        replace(first + i, src, at, clen);
      } else if (packed != null && (size = store.compress(src, at, clen, out)) >= 0) {
        if (!packed.fits(size)) {
          packed.flush(store, this::publish);
        }
        packed.add(first + i, out, size);
      } else {
        batch.add(first + i, at, clen);
        if (batch.full()) {
          flush(batch, src);
        }
      }
    }
    flush(batch, src);
    if (packed != null) {
      packed.flush(store, this::publish);
    }
  }

  private void flush(FreshBatch batch, ByteBuffer src) throws IOException {
    if (batch.count() > 0) {
      long host = batch.write(store, src, staging.get());
      for (int k = 0; k < batch.count(); k++) {
        publish(batch.cluster(k), L2Entry.data(host + ((long) k << bits)));
      }
      batch.clear();
    }
  }

  private void publish(long cluster, long entry) {
    synchronized (stripe(cluster)) {
      map.set(cluster, entry);
    }
  }

  private void setZero(long cluster) {
    long zero = store.zeroEntry();
    if (map.get(cluster) != zero) {
      synchronized (stripe(cluster)) {
        map.set(cluster, zero);
      }
    }
  }

  /** Stores a whole non-zero cluster, overwriting in place when this image holds it plain. */
  private void replace(long cluster, ByteBuffer src, int pos, int len) throws IOException {
    synchronized (stripe(cluster)) {
      long entry = map.get(cluster);
      if (!store.compressing() && L2Entry.dataOffset(entry) != 0) {
        store.overwrite(entry, 0, src, pos, len);
      } else if (store.compressing()) {
        store.storeCompressed(cluster, src, pos, len);
      } else {
        map.set(cluster, L2Entry.data(store.writeRun(1, src, pos, len)));
      }
    }
  }

  private void partialCluster(long cluster, int in, ByteBuffer src, int pos, int len)
      throws IOException {
    synchronized (stripe(cluster)) {
      long entry = map.get(cluster);
      if (!store.compressing() && L2Entry.dataOffset(entry) != 0) {
        store.overwrite(entry, in, src, pos, len);
        return;
      }
      byte[] merged = new byte[cs];
      if (!store.readOwn(entry, merged)) {
        readParent(cluster, merged);
      }
      src.get(pos, merged, in, len);
      ByteBuffer whole = ByteBuffer.wrap(merged, 0, guestLength(cluster));
      if (ClusterStore.isZero(whole, 0, whole.limit())) {
        map.set(cluster, store.zeroEntry());
      } else if (store.compressing()) {
        store.storeCompressed(cluster, whole, 0, whole.limit());
      } else {
        map.set(cluster, L2Entry.data(store.writeRun(1, whole, 0, whole.limit())));
      }
    }
  }

  private void readParent(long cluster, byte[] dst) throws IOException {
    long start = cluster << bits;
    if (parent == null || start >= parent.virtualSize()) {
      return;
    }
    int len = (int) Math.min(guestLength(cluster), parent.virtualSize() - start);
    parent.read(start, ByteBuffer.wrap(dst, 0, len));
  }

  private Object stripe(long cluster) {
    return stripes[(int) (cluster % STRIPES)];
  }
}
