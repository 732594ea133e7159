package io.sendense.image.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Copies the bytes of one located cluster into a read buffer. Plain data clusters that follow each
 * other in the same file are read with one positional read; compressed clusters are decompressed
 * once per thread and kept until another one is needed, so small sequential reads of a compressed
 * image do not decompress the same cluster again and again.
 */
final class ClusterReader {
  private static final int MAX_RUN = 16 << 20;

  private static final int MAX_ENCRYPTED_RUN = 1 << 20;

  private final ThreadLocal<Decompressed> last = ThreadLocal.withInitial(Decompressed::new);
  private final ThreadLocal<byte[]> work =
      ThreadLocal.withInitial(() -> new byte[MAX_ENCRYPTED_RUN + (2 << 20)]);

  /**
   * Fills bytes from {@code offset} on; returns how many (at least one, at most to a run's end).
   */
  int read(Qcow2Chain chain, int depth, long entry, long offset, ByteBuffer dst)
      throws IOException {
    long unit = 1L << chain.clusterBits();
    int n = (int) Math.min(dst.remaining(), unit - (offset & (unit - 1)));
    if (depth < 0 || L2Entry.zero(entry)) {
      zeros(dst, n);
      return n;
    }
    ImageFile image = chain.image(depth);
    long inCluster = offset & (image.header.clusterSize() - 1);
    if (L2Entry.compressed(entry)) {
      if (image.encrypted()) {
        throw new CorruptImageException(
            image.path, "compressed cluster in an encrypted image (not written by qemu or us)");
      }
      byte[] data = last.get().cluster(image, entry);
      dst.put(data, (int) inCluster, n);
      return n;
    }
    long host = L2Entry.dataOffset(entry) + inCluster;
    if (image.encrypted()) {
      return readEncrypted(chain, depth, image, host, offset, n, dst);
    }
    int total = runLength(chain, depth, host, offset, n, dst.remaining());
    ByteBuffer slice = dst.slice(dst.position(), total);
    image.readData(slice, host);
    dst.position(dst.position() + total);
    return total;
  }

  /** Like a plain run, decrypted; runs are kept short so the work buffer stays small. */
  private int readEncrypted(
      Qcow2Chain chain, int depth, ImageFile image, long host, long offset, int n, ByteBuffer dst)
      throws IOException {
    int max = Math.min(dst.remaining(), MAX_ENCRYPTED_RUN);
    int total = runLength(chain, depth, host, offset, n, Math.max(n, max));
    if (dst.hasArray()) {
      image.readData(dst.array(), dst.arrayOffset() + dst.position(), total, host);
    } else {
      byte[] tmp = work.get();
      image.readData(tmp, 0, total, host);
      dst.put(dst.position(), tmp, 0, total);
    }
    dst.position(dst.position() + total);
    return total;
  }

  private static int runLength(Qcow2Chain chain, int depth, long host, long offset, int n, int max)
      throws IOException {
    long unit = 1L << chain.clusterBits();
    long mask = chain.image(depth).header.clusterSize() - 1;
    long[] found = new long[1];
    int total = n;
    while (total < max && total < MAX_RUN) {
      long next = offset + total;
      int d = chain.locate(next >>> chain.clusterBits(), found);
      long data = L2Entry.dataOffset(found[0]);
      if (d != depth || data == 0 || data + (next & mask) != host + total) {
        break;
      }
      total += (int) Math.min(unit, max - total);
    }
    return total;
  }

  private static void zeros(ByteBuffer dst, int n) {
    int end = dst.position() + n;
    while (dst.position() + 8 <= end) {
      dst.putLong(0);
    }
    while (dst.position() < end) {
      dst.put((byte) 0);
    }
  }

  /** The last compressed cluster this thread decompressed. */
  private static final class Decompressed {
    private ImageFile image;
    private long entry;
    private byte[] data = new byte[0];
    private byte[] compressed = new byte[0];

    byte[] cluster(ImageFile img, long e) throws IOException {
      if (img == image && e == entry) {
        return data;
      }
      int cs = img.header.clusterSize();
      int bits = img.clusterBits();
      long off = L2Entry.compressedOffset(e, bits);
      int len = (int) Math.min(L2Entry.compressedLength(e, bits), img.fileSize - off);
      if (compressed.length < len) {
        compressed = new byte[len];
      }
      if (data.length != cs) {
        data = new byte[cs];
      }
      image = null;
      img.readData(ByteBuffer.wrap(compressed, 0, len), off);
      ClusterCodec.decompress(img.path, img.header.compression(), compressed, len, data, cs);
      image = img;
      entry = e;
      return data;
    }
  }
}
