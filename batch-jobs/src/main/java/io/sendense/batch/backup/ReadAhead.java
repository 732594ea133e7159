package io.sendense.batch.backup;

import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads one disk's items ahead of the transfer step on threads of its own (zero ranges of a content
 * compare are never read, they only pass through in order), so that the source is read while the
 * writer stores and checkpoints the previous chunk (reading and writing were one after the other in
 * the partition's thread). Up to {@code depth} items are read or waiting, up to {@link
 * DiskReader#parallelReads()} of them in flight at once (a source far away answers one request only
 * after a round trip; several requests hide it). Reads start in disk order, one source read per
 * extent, and items come out in disk order. The first failed read stops every read that has not
 * started yet, so a failure costs at most the reads already in flight; with one read at a time the
 * source sees exactly the reads it would see without read-ahead. A stop or failure re-reads at most
 * the uncommitted chunk plus the items read ahead.
 */
final class ReadAhead implements AutoCloseable {
  /** Bytes read ahead per disk: enough to keep reading through a checkpoint's syncs. */
  static final int BYTES = 16 << 20;

  private final DiskReader reader;
  private final BlockPacker packer;
  private final boolean compare;
  private final BlockBuffers buffers;
  private final int depth;
  private final ExecutorService threads;
  private final Deque<Future<Block>> window = new ArrayDeque<>();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private volatile boolean failed;
  private boolean exhausted;

  /**
   * @param compare whether the blocks are to be stored only where they differ from the image
   */
  ReadAhead(DiskReader reader, BlockPacker packer, boolean compare, int blockSize, int diskKey) {
    this.reader = reader;
    this.packer = packer;
    this.compare = compare;
    this.depth = Math.max(2, BYTES / blockSize);
    this.buffers = new BlockBuffers(blockSize);
    int inFlight = Math.max(1, Math.min(depth, reader.parallelReads()));
    AtomicInteger count = new AtomicInteger();
    // A fixed pool takes tasks first in, first out: reads start in the order they were submitted.
    this.threads =
        Executors.newFixedThreadPool(
            inFlight,
            r -> {
              String name = "sendense-read-ahead-disk-" + diskKey + "-" + count.incrementAndGet();
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  /** The next item in disk order, or null when the ranges are exhausted. */
  Block next() throws SourceException {
    fill();
    Future<Block> oldest = window.pollFirst();
    if (oldest == null) {
      return null;
    }
    Block block = await(oldest);
    fill();
    return block;
  }

  private void fill() {
    while (!exhausted && !failed && window.size() < depth) {
      List<BlockPacker.Piece> extents = packer.next();
      if (extents.isEmpty()) {
        exhausted = true;
      } else {
        window.addLast(threads.submit(() -> read(extents)));
      }
    }
  }

  private Block read(List<BlockPacker.Piece> item) throws SourceException {
    notFailed();
    List<DiskExtent> zeros = new ArrayList<>();
    item.stream().filter(BlockPacker.Piece::zero).forEach(p -> zeros.add(p.extent()));
    if (zeros.size() == item.size()) {
      return new Block(List.of(), List.of(), zeros, compare, () -> {});
    }
    ByteBuffer buffer = buffers.take();
    try {
      List<Long> offsets = new ArrayList<>(item.size());
      List<ByteBuffer> pieces = new ArrayList<>(item.size());
      int at = 0;
      for (BlockPacker.Piece p : item) {
        if (p.zero()) {
          continue;
        }
        notFailed();
        DiskExtent extent = p.extent();
        ByteBuffer piece = buffer.slice(at, (int) extent.length());
        reader.readFully(piece, extent.offset());
        offsets.add(extent.offset());
        pieces.add(piece.flip());
        at += (int) extent.length();
      }
      return new Block(offsets, pieces, zeros, compare, () -> buffers.give(buffer));
    } catch (SourceException | RuntimeException e) {
      firstFailure.compareAndSet(null, e); // before the flag: a refused read finds it set
      failed = true;
      buffers.give(buffer);
      throw e;
    }
  }

  /** Whether reads stopped: one failed, or the read-ahead was closed. */
  boolean stopped() {
    return failed;
  }

  /** Refuses to start a read (or the next extent of one) after another read failed. */
  private void notFailed() throws SourceException {
    if (failed) {
      throw new SourceException(SourceProblem.OTHER, "not read: an earlier read failed");
    }
  }

  /**
   * The item's block, or the failure that stopped the reads: the first one, also when this item was
   * itself refused or failed later because of it.
   */
  private Block await(Future<Block> item) throws SourceException {
    try {
      return item.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(SourceProblem.OTHER, "Reading the disk was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = firstFailure.get() != null ? firstFailure.get() : e.getCause();
      if (cause instanceof SourceException s) {
        throw s;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new SourceException(SourceProblem.OTHER, "Reading the disk failed", cause);
    }
  }

  /**
   * Stops reading ahead and closes the source reader (which makes reads still in progress fail
   * rather than finish), then waits for the read-ahead threads to end.
   */
  @Override
  public void close() throws SourceException {
    failed = true;
    threads.shutdownNow();
    try {
      reader.close();
    } finally {
      try {
        threads.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
