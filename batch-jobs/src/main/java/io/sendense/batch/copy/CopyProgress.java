package io.sendense.batch.copy;

import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.BackupProgress;
import io.sendense.batch.port.TelemetrySink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A copy job's progress for the Jobs console, as a backup's: pushed at every phase change and at
 * most every three seconds otherwise; a sink that fails is logged and ignored.
 */
final class CopyProgress implements ImageCopier.Progress {
  private static final Logger LOG = Logger.getLogger(CopyProgress.class.getName());
  private static final Duration EVERY = Duration.ofSeconds(3);

  private final long execution;
  private final TelemetrySink sink;
  private final Clock clock;
  private final Instant started;
  private final AtomicLong done = new AtomicLong();
  private volatile String vmId = "?";
  private volatile long total;
  private volatile BackupPhase phase = BackupPhase.PREPARE;
  private volatile Instant lastPush = Instant.EPOCH;
  private volatile boolean stop;

  CopyProgress(long execution, TelemetrySink sink, Clock clock) {
    this.execution = execution;
    this.sink = sink;
    this.clock = clock;
    this.started = clock.instant();
  }

  void planned(String vmId, long totalBytes) {
    this.vmId = vmId;
    this.total = totalBytes;
  }

  void phase(BackupPhase next) {
    phase = next;
    push();
  }

  void stop() {
    stop = true;
  }

  long bytesDone() {
    return done.get();
  }

  @Override
  public void copied(long bytes) {
    done.addAndGet(bytes);
    if (!clock.instant().isBefore(lastPush.plus(EVERY))) {
      push();
    }
  }

  @Override
  public boolean stopRequested() {
    return stop;
  }

  private void push() {
    Instant now = clock.instant();
    lastPush = now;
    long bytes = done.get();
    double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
    double rate = bytes / seconds;
    Duration eta =
        rate <= 0 || total <= bytes ? null : Duration.ofSeconds((long) ((total - bytes) / rate));
    try {
      sink.push(
          new BackupProgress(
              execution, vmId, phase, bytes, Math.max(total, bytes), rate, eta, List.of(), now));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "telemetry of copy execution " + execution + " not recorded", e);
    }
  }
}
