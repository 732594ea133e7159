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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads one disk's items ahead of the transfer step on threads of its own (zero ranges of a content
 * compare are never read, they only pass through in order), so that the source is read while the
 * writer stores and checkpoints the previous chunk (reading and writing were one after the other in
 * the partition's thread). Up to {@code depth} items are read or waiting, up to {@link
 * DiskReader#parallelReads()} reads in flight at once (a source far away answers one request only
 * after a round trip; several requests hide it). Every extent of an item is a read of its own, so
 * the changed extents an incremental packs into one item are read on several connections at once,
 * as the blocks of a full are. Reads start in disk order, one source read per extent, and items
 * come out in disk order, whole. The first failed read stops every read that has not started yet,
 * so a failure costs at most the reads already in flight; with one read at a time the source sees
 * exactly the reads it would see without read-ahead. A stop or failure re-reads at most the
 * uncommitted chunk plus the items read ahead.
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
  private final Deque<Pending> window = new ArrayDeque<>();
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
    Pending oldest = window.pollFirst();
    if (oldest == null) {
      return null;
    }
    Block block = oldest.await();
    fill();
    return block;
  }

  private void fill() {
    while (!exhausted && !failed && window.size() < depth) {
      List<BlockPacker.Piece> extents = packer.next();
      if (extents.isEmpty()) {
        exhausted = true;
      } else {
        window.addLast(submit(extents));
      }
    }
  }

  /** Starts the reads of an item's extents, in disk order: each is a task of its own. */
  private Pending submit(List<BlockPacker.Piece> item) {
    List<DiskExtent> zeros = new ArrayList<>();
    item.stream().filter(BlockPacker.Piece::zero).forEach(p -> zeros.add(p.extent()));
    if (zeros.size() == item.size()) {
      return new Pending(null, List.of(), List.of(), zeros, List.of());
    }
    ByteBuffer buffer = buffers.take();
    List<Long> offsets = new ArrayList<>(item.size());
    List<ByteBuffer> pieces = new ArrayList<>(item.size());
    List<Future<?>> reads = new ArrayList<>(item.size());
    int at = 0;
    for (BlockPacker.Piece p : item) {
      if (p.zero()) {
        continue;
      }
      DiskExtent extent = p.extent();
      ByteBuffer piece = buffer.slice(at, (int) extent.length());
      offsets.add(extent.offset());
      pieces.add(piece);
      try {
        reads.add(threads.submit(() -> read(piece, extent.offset())));
      } catch (RejectedExecutionException e) { // closed meanwhile
        reads.add(CompletableFuture.failedFuture(stoppedByClose(e)));
      }
      at += (int) extent.length();
    }
    return new Pending(buffer, offsets, pieces, zeros, reads);
  }

  private static SourceException stoppedByClose(Exception e) {
    return new SourceException(SourceProblem.OTHER, "Reading the disk was stopped", e);
  }

  private Void read(ByteBuffer piece, long offset) throws SourceException {
    notFailed();
    try {
      reader.readFully(piece, offset);
      return null;
    } catch (SourceException | RuntimeException e) {
      firstFailure.compareAndSet(null, e); // before the flag: a refused read finds it set
      failed = true;
      throw e;
    }
  }

  /** An item whose extents are being read into slices of one buffer. */
  private final class Pending {
    private final ByteBuffer buffer;
    private final List<Long> offsets;
    private final List<ByteBuffer> pieces;
    private final List<DiskExtent> zeros;
    private final List<Future<?>> reads;

    Pending(
        ByteBuffer buffer,
        List<Long> offsets,
        List<ByteBuffer> pieces,
        List<DiskExtent> zeros,
        List<Future<?>> reads) {
      this.buffer = buffer;
      this.offsets = offsets;
      this.pieces = pieces;
      this.zeros = zeros;
      this.reads = reads;
    }

    /**
     * The item's block once all its reads ended, or the failure that stopped the reads: the first
     * one, also when this item's reads were refused because of it. The buffer goes back to the pool
     * only when no read of the item writes into it any more.
     */
    Block await() throws SourceException {
      SourceException failure = null;
      for (Future<?> read : reads) {
        try {
          ReadAhead.this.await(read);
        } catch (SourceException e) {
          failure = failure == null ? e : failure;
        }
      }
      if (failure != null) {
        buffers.give(buffer);
        throw failure;
      }
      pieces.forEach(ByteBuffer::flip);
      if (buffer == null) {
        return new Block(List.of(), List.of(), zeros, compare, () -> {});
      }
      return new Block(offsets, pieces, zeros, compare, () -> buffers.give(buffer));
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

  /** Waits for one read; its failure is the first failure that stopped the reads. */
  private void await(Future<?> read) throws SourceException {
    try {
      read.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(SourceProblem.OTHER, "Reading the disk was interrupted", e);
    } catch (CancellationException e) {
      throw stoppedByClose(e);
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
    for (Runnable notStarted : threads.shutdownNow()) {
      if (notStarted instanceof Future<?> read) {
        read.cancel(false); // an item waiting for it fails instead of waiting forever
      }
    }
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
