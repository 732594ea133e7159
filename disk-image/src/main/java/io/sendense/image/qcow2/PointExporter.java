package io.sendense.image.qcow2;

import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * Turns a restore point into something that needs no chain: a raw disk (a sparse file, or a stream
 * such as stdout or an HTTP response) or a flattened standalone QCOW2.
 */
public final class PointExporter {
  private static final int CHUNK = 4 << 20;

  private PointExporter() {}

  /**
   * Writes the whole virtual disk to {@code out}. A {@link FileChannel} (opened empty) is written
   * sparsely: only data ranges are written and the file is extended to the virtual size.
   */
  public static void exportRaw(Qcow2Chain chain, WritableByteChannel out) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
    if (out instanceof FileChannel file) {
      for (long[] r : chain.dataRanges()) {
        copy(chain, r[0], r[1], buf, file);
      }
      if (file.size() < chain.virtualSize()) {
        file.write(ByteBuffer.allocate(1), chain.virtualSize() - 1);
      }
    } else {
      copy(chain, 0, chain.virtualSize(), buf, out);
    }
  }

  private static void copy(
      Qcow2Chain chain, long from, long to, ByteBuffer buf, WritableByteChannel out)
      throws IOException {
    for (long pos = from; pos < to; pos += buf.limit()) {
      buf.clear().limit((int) Math.min(CHUNK, to - pos));
      chain.read(pos, buf);
      buf.flip();
      long at = pos;
      while (buf.hasRemaining()) {
        at += out instanceof FileChannel f ? f.write(buf, at) : out.write(buf);
      }
    }
  }

  /**
   * Writes the point as a standalone image (no backing file) at {@code target}, committed
   * atomically; cluster size and compression come from {@code options}, the size from the chain.
   */
  public static Path flatten(Qcow2Chain chain, Path target, Qcow2Options options, int threads)
      throws IOException {
    LocalImageStore store = LocalImageStore.fileSystem();
    return store.path(flatten(chain, store, BackingNames.name(target), options, threads));
  }

  /**
   * Same as {@link #flatten(Qcow2Chain, Path, Qcow2Options, int)} into a store; returns the name.
   */
  public static String flatten(
      Qcow2Chain chain, ImageStore store, String target, Qcow2Options options, int threads)
      throws IOException {
    Qcow2Options full =
        new Qcow2Options(
            Qcow2Format.alignUp(chain.virtualSize(), 512),
            options.clusterSize(),
            null,
            options.compression(),
            options.passphrase());
    try (Qcow2Writer writer = Qcow2Writer.create(store, target, full)) {
      try {
        DiskCopier.copy(chain, writer, null, threads);
        return writer.commit();
      } catch (IOException | RuntimeException e) {
        writer.abort();
        throw e;
      }
    }
  }
}
