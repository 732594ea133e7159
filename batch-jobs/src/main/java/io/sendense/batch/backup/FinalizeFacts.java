package io.sendense.batch.backup;

import io.sendense.batch.port.DiskResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The part of finalize that only reads: the facts of every committed image (header and tables, no
 * hash: the host hashes the images after the backup), the disks at once, while the snapshot, which
 * no committed image needs any more, is removed. A removal that fails is logged and left to the
 * cleanup step, which tries again.
 */
final class FinalizeFacts {
  private FinalizeFacts() {}

  /** The results of the committed disks, in their order; the snapshot removal has ended. */
  static List<DiskResult> results(
      BackupRun run, DiskFinalizer finalizer, List<DiskFinalizer.Committed> committed)
      throws IOException {
    int readers =
        Math.max(1, Math.min(committed.size(), Runtime.getRuntime().availableProcessors()));
    AtomicInteger count = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            readers + 1,
            r -> {
              Thread t = new Thread(r, "sendense-finalize-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      Future<Boolean> released = pool.submit(() -> release(run));
      List<Future<DiskResult>> results = new ArrayList<>();
      for (DiskFinalizer.Committed c : committed) {
        results.add(pool.submit(() -> finalizer.result(c)));
      }
      List<DiskResult> out = new ArrayList<>();
      Exception failed = null;
      for (Future<DiskResult> r : results) {
        try {
          out.add(await(r));
        } catch (IOException | RuntimeException e) {
          failed = failed == null ? e : failed;
        }
      }
      awaitQuietly(released);
      if (failed instanceof IOException io) {
        throw io;
      }
      if (failed != null) {
        throw (RuntimeException) failed;
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean release(BackupRun run) {
    boolean gone = SnapshotReleaser.release(run);
    run.progress().mark("snapshot removed");
    return gone;
  }

  private static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("finalize was interrupted");
    }
  }

  /** Waits for the removal; its failure is the cleanup step's to report. */
  private static void awaitQuietly(Future<Boolean> released) {
    try {
      released.get();
    } catch (ExecutionException e) {
      // SnapshotReleaser logs and never throws; nothing to add
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
