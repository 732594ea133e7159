package io.sendense.image.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a disk into a restore point with several threads, in chunks of a few MiB. Without a parent
 * only the source's data ranges are read (the writer drops zero clusters). With a parent it is a
 * content-compare incremental, for sources without changed-block tracking: every cluster is
 * compared with the parent chain and only clusters that differ are written.
 */
public final class DiskCopier {
  /** Chunk per read; large enough for long sequential I/O, small enough to spread over threads. */
  static final int CHUNK = 8 << 20;

  /** Bytes read from the source and bytes handed to the writer. */
  public record Result(long bytesRead, long bytesWritten) {}

  private final DiskSource source;
  private final Qcow2Writer writer;
  private final DiskSource parent;
  private final int cluster;
  private final int chunk;
  private final AtomicLong read = new AtomicLong();
  private final AtomicLong written = new AtomicLong();

  private DiskCopier(DiskSource source, Qcow2Writer writer, DiskSource parent) {
    this.source = source;
    this.writer = writer;
    this.parent = parent;
    this.cluster = writer.options().clusterSize();
    this.chunk = Math.max(CHUNK, cluster);
  }

  /**
   * Copies {@code source} into {@code writer}; with a non-null {@code parent} (the chain the
   * writer's backing file starts) writes only clusters whose content differs from it.
   */
  public static Result copy(DiskSource source, Qcow2Writer writer, DiskSource parent, int threads)
      throws IOException {
    if (source.size() > writer.options().virtualSize()) {
      throw new IllegalArgumentException(
          "source of "
              + source.size()
              + " bytes does not fit the image's virtual size "
              + writer.options().virtualSize());
    }
    return new DiskCopier(source, writer, parent).run(Math.max(1, threads));
  }

  private Result run(int threads) throws IOException {
    List<long[]> units =
        units(parent == null ? source.dataRanges() : List.of(new long[] {0, source.size()}));
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> work(units, next)));
      }
      for (Future<Void> f : workers) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("copy interrupted", e);
    } finally {
      pool.shutdownNow();
    }
    return new Result(read.get(), written.get());
  }

  private List<long[]> units(List<long[]> ranges) {
    List<long[]> units = new ArrayList<>();
    for (long[] r : ranges) {
      long start = r[0] - r[0] % cluster;
      long end = Math.min(source.size(), r[1]);
      for (long s = start; s < end; s = s - s % chunk + chunk) {
        units.add(new long[] {s, Math.min(end, s - s % chunk + chunk)});
      }
    }
    return units;
  }

  private Void work(List<long[]> units, AtomicInteger next) throws IOException {
    ByteBuffer src = Buffers.aligned(chunk);
    ByteBuffer old = parent == null ? null : ByteBuffer.allocateDirect(chunk);
    for (int i = next.getAndIncrement(); i < units.size(); i = next.getAndIncrement()) {
      long start = units.get(i)[0];
      int len = (int) (units.get(i)[1] - start);
      source.read(start, src.clear().limit(len));
      ByteBuffer data = src.flip();
      read.addAndGet(len);
      if (old == null) {
        writer.write(start, data);
        written.addAndGet(len);
      } else {
        readParent(start, old.clear().limit(len));
        writeDifferences(start, data, old);
      }
    }
    return null;
  }

  private void readParent(long start, ByteBuffer dst) throws IOException {
    int len = dst.remaining();
    int keep = (int) Math.min(len, Math.max(0, parent.size() - start));
    for (int pos = keep; pos < len; pos += ClusterStore.ZEROS.capacity()) {
      dst.put(pos, ClusterStore.ZEROS, 0, Math.min(len - pos, ClusterStore.ZEROS.capacity()));
    }
    parent.read(start, dst.limit(keep));
    dst.position(0).limit(len);
  }

  private void writeDifferences(long start, ByteBuffer src, ByteBuffer old) throws IOException {
    int len = src.limit();
    int runStart = -1;
    for (int pos = 0; pos < len; pos += cluster) {
      int n = Math.min(cluster, len - pos);
      boolean differs = src.slice(pos, n).mismatch(old.slice(pos, n)) >= 0;
      if (differs && runStart < 0) {
        runStart = pos;
      } else if (!differs && runStart >= 0) {
        flush(start, src, runStart, pos);
        runStart = -1;
      }
    }
    if (runStart >= 0) {
      flush(start, src, runStart, len);
    }
  }

  private void flush(long start, ByteBuffer src, int from, int to) throws IOException {
    writer.write(start + from, src.slice(from, to - from));
    written.addAndGet(to - from);
  }
}
