package io.sendense.image.qcow2;

import io.sendense.image.luks.XtsAes;
import io.sendense.image.store.ImageChannel;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Stores whole clusters of the image being written: zero detection, optional compression, host
 * allocation, positional writes, and publishing the new L2 entry. Also reads back what this image
 * already holds for a cluster, for read-modify-write. Callers hold the cluster's stripe lock
 * whenever they read or overwrite a cluster in place.
 */
final class ClusterStore {
  static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(Qcow2Options.MAX_CLUSTER_SIZE);

  private final String file;
  private final ImageChannel channel;
  private final ClusterMap map;
  private final HostAllocator allocator;
  private final int bits;
  private final boolean incremental;
  private final boolean zstd;
  private final ThreadLocal<byte[][]> buffers;
  private final XtsAes cipher;
  private final Sealer sealer;

  ClusterStore(
      String file,
      ImageChannel channel,
      ClusterMap map,
      HostAllocator allocator,
      Qcow2Options options,
      XtsAes cipher) {
    this.file = file;
    this.cipher = cipher;
    this.sealer = cipher == null ? null : new Sealer(cipher, options.clusterSize());
    this.channel = channel;
    this.map = map;
    this.allocator = allocator;
    this.bits = options.clusterBits();
    this.incremental = options.backingFile() != null;
    this.zstd = options.compression() == Compression.ZSTD;
    int cs = options.clusterSize();
    this.buffers = ThreadLocal.withInitial(() -> new byte[][] {new byte[cs], new byte[cs]});
  }

  static boolean isZero(ByteBuffer data, int pos, int len) {
    return data.slice(pos, len).mismatch(ZEROS.slice(0, len)) == -1;
  }

  /** The entry that makes a cluster read as zeros: unallocated in a full, a zero cluster else. */
  long zeroEntry() {
    return incremental ? L2Entry.ZERO : 0;
  }

  boolean compressing() {
    return zstd;
  }

  /** Writes {@code len} guest bytes as the whole content of a cluster into fresh space. */
  void storeCompressed(long cluster, ByteBuffer data, int pos, int len) throws IOException {
    byte[] out = buffers.get()[1];
    int size = compress(data, pos, len, out);
    if (size < 0) {
      map.set(cluster, L2Entry.data(writeRun(1, data, pos, len)));
      return;
    }
    map.set(cluster, L2Entry.compressed(writePacked(out, size), size, bits));
  }

  /**
   * Compresses one cluster ({@code len} guest bytes, zero-padded) into {@code out}; returns the
   * compressed size, or -1 when it does not shrink and must be stored plain.
   */
  int compress(ByteBuffer data, int pos, int len, byte[] out) {
    byte[] in = buffers.get()[0];
    data.get(pos, in, 0, len);
    java.util.Arrays.fill(in, len, in.length, (byte) 0);
    return ClusterCodec.compressZstd(in, 0, in.length, out);
  }

  /** Appends compressed bytes (one or more packed clusters); returns where they start. */
  long writePacked(byte[] packed, int len) throws IOException {
    long host = allocator.bytes(len);
    writeFully(ByteBuffer.wrap(packed, 0, len), host);
    return host;
  }

  /** Writes {@code count} clusters to fresh contiguous space; returns its host offset. */
  long writeRun(int count, ByteBuffer data, int pos, int len) throws IOException {
    long host = allocator.clusters(count);
    if (sealer != null) {
      sealer.writeFresh(channel, data, pos, len, host);
    } else {
      channel.writeFresh(data.slice(pos, len), host);
    }
    return host;
  }

  /** Overwrites bytes of a cluster this image already holds as plain data. */
  void overwrite(long entry, int inCluster, ByteBuffer data, int pos, int len) throws IOException {
    if (sealer != null) {
      sealer.overwrite(channel, data, pos, len, L2Entry.dataOffset(entry) + inCluster);
      return;
    }
    writeFully(data.slice(pos, len), L2Entry.dataOffset(entry) + inCluster);
  }

  /** Reads this image's own content of a cluster into {@code dst}; false if it holds none. */
  boolean readOwn(long entry, byte[] dst) throws IOException {
    if (L2Entry.zero(entry)) {
      java.util.Arrays.fill(dst, (byte) 0);
      return true;
    }
    if (L2Entry.compressed(entry)) {
      long off = L2Entry.compressedOffset(entry, bits);
      byte[] src = new byte[L2Entry.compressedLength(entry, bits)];
      readFully(ByteBuffer.wrap(src), off);
      ClusterCodec.decompress(file, Compression.ZSTD, src, src.length, dst, dst.length);
      return true;
    }
    if (L2Entry.dataOffset(entry) != 0) {
      readFully(ByteBuffer.wrap(dst), L2Entry.dataOffset(entry));
      if (cipher != null) {
        cipher.decrypt(dst, 0, dst.length, L2Entry.dataOffset(entry) / XtsAes.SECTOR);
      }
      return true;
    }
    return false;
  }

  private void readFully(ByteBuffer dst, long pos) throws IOException {
    channel.readOrZero(dst, pos);
  }

  private void writeFully(ByteBuffer src, long pos) throws IOException {
    channel.write(src, pos);
  }
}
