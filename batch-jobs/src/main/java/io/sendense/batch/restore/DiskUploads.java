package io.sendense.batch.restore;

import io.sendense.batch.restore.port.RestoreCatalogPort;
import io.sendense.batch.restore.port.RestorePhase;
import io.sendense.batch.restore.port.RestorePointPort;
import io.sendense.batch.restore.port.RestoreRequest;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.TransferProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes every disk that is not in the new VM yet, {@code threads} at once, each from the point's
 * chain through the source's upload. A disk is recorded as uploaded only when its upload returned;
 * a disk whose upload broke is written again from its start by the next execution (the datastore
 * file service takes whole files). Cancellation (a stop of the execution or a cancel in the
 * catalog, polled at most once a second) ends the uploads at their next piece.
 */
final class DiskUploads {
  private static final Duration CANCEL_POLL = Duration.ofSeconds(1);

  private final RestoreRun run;
  private final RestoreCatalogPort catalog;
  private final RestorePointPort points;
  private final Clock clock;
  private volatile Instant lastPoll = Instant.EPOCH;
  private volatile boolean cancelled;

  DiskUploads(RestoreRun run, RestoreCatalogPort catalog, RestorePointPort points, Clock clock) {
    this.run = run;
    this.catalog = catalog;
    this.points = points;
    this.clock = clock;
  }

  void uploadAll(int threads) throws Exception {
    run.progress().phase(RestorePhase.UPLOAD);
    List<RestoreRequest.Disk> pending =
        run.request().disks().stream().filter(d -> !d.uploaded()).toList();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(threads, pending.size())),
            r -> {
              Thread t = new Thread(r, "sendense-restore-upload");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> uploads = new ArrayList<>();
      for (RestoreRequest.Disk disk : pending) {
        uploads.add(
            pool.submit(
                () -> {
                  upload(disk);
                  return null;
                }));
      }
      for (Future<?> f : uploads) {
        try {
          await(f);
        } catch (Exception e) {
          cancelled = true; // the others stop at their next piece; the VM is cleaned up anyway
          throw e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (cancelled()) {
      throw new SourceException(SourceProblem.OTHER, "The restore was cancelled");
    }
  }

  private void upload(RestoreRequest.Disk disk) throws Exception {
    if (cancelled()) {
      return;
    }
    long start = System.nanoTime();
    AtomicLong sent = new AtomicLong();
    TransferProgress progress =
        new TransferProgress() {
          @Override
          public void transferred(long bytes) {
            sent.addAndGet(bytes);
            run.progress().advance(bytes);
          }

          @Override
          public boolean cancelled() {
            return DiskUploads.this.cancelled();
          }
        };
    long backupId = run.request().backupId();
    try (RestorePointPort.PointDisk content = points.openDisk(backupId, disk.key())) {
      run.operations().uploadDisk(run.vm(), disk.key(), content, progress);
    } catch (Exception e) {
      run.progress().retract(sent.get());
      throw e;
    }
    catalog.diskUploaded(
        run.restoreId(), disk.key(), sent.get(), (System.nanoTime() - start) / 1_000_000);
  }

  /** Whether the execution was stopped or the restore cancelled; polls the catalog sparingly. */
  boolean cancelled() {
    if (cancelled || run.stopRequested()) {
      return true;
    }
    Instant now = clock.instant();
    if (now.isAfter(lastPoll.plus(CANCEL_POLL))) {
      lastPoll = now;
      cancelled = catalog.cancelRequested(run.restoreId());
    }
    return cancelled;
  }

  private static void await(Future<?> f) throws Exception {
    try {
      f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
