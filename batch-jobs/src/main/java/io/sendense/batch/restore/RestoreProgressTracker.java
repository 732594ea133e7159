package io.sendense.batch.restore;

import io.sendense.batch.restore.port.RestorePhase;
import io.sendense.batch.restore.port.RestoreProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts the bytes a restore wrote and pushes progress: at every phase change and at most every
 * {@code interval} otherwise, from any thread. A sink that throws is logged and ignored: progress
 * never fails a restore.
 */
final class RestoreProgressTracker {
  private static final Logger LOG = Logger.getLogger(RestoreProgressTracker.class.getName());

  private final long restoreId;
  private final Consumer<RestoreProgress> sink;
  private final Clock clock;
  private final Duration interval;
  private final AtomicLong done = new AtomicLong();
  private volatile long total;
  private volatile RestorePhase phase = RestorePhase.PREPARE;
  private volatile Instant uploadStart;
  private volatile long uploadBase;
  private volatile Instant lastPush = Instant.EPOCH;

  RestoreProgressTracker(
      long restoreId, Consumer<RestoreProgress> sink, Clock clock, Duration interval) {
    this.restoreId = restoreId;
    this.sink = sink;
    this.clock = clock;
    this.interval = interval;
  }

  /** Sets the total and what earlier executions wrote already. */
  void start(long totalBytes, long alreadyDone) {
    total = totalBytes;
    done.set(alreadyDone);
  }

  void phase(RestorePhase next) {
    phase = next;
    if (next == RestorePhase.UPLOAD && uploadStart == null) {
      uploadStart = clock.instant();
      uploadBase = done.get();
    }
    push();
  }

  /** Bytes written; pushes if the interval passed. */
  void advance(long bytes) {
    done.addAndGet(bytes);
    if (!clock.instant().isBefore(lastPush.plus(interval))) {
      push();
    }
  }

  /** Takes back bytes of a disk whose upload failed (it will be written again). */
  void retract(long bytes) {
    done.addAndGet(-bytes);
  }

  long done() {
    return done.get();
  }

  synchronized void push() {
    lastPush = clock.instant();
    long now = done.get();
    long rate = 0;
    Long eta = null;
    if (uploadStart != null) {
      long ms = Duration.between(uploadStart, lastPush).toMillis();
      if (ms > 0) {
        rate = (now - uploadBase) * 1000 / ms;
        eta = rate > 0 ? Math.max(0, total - now) / rate : null;
      }
    }
    try {
      sink.accept(new RestoreProgress(restoreId, phase, now, total, rate, eta));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Progress of restore " + restoreId + " not recorded", e);
    }
  }
}
