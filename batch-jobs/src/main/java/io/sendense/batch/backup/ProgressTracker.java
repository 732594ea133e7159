package io.sendense.batch.backup;

import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.BackupProgress;
import io.sendense.batch.port.DiskProgress;
import io.sendense.batch.port.TelemetrySink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts a backup execution's bytes per disk and pushes progress to the telemetry sink: at every
 * phase change, whenever a disk's transfer passes another tenth of its bytes (10 %, 20 %, ...), and
 * otherwise at most once per interval, so a fast transfer does not flood the catalog. Shared by the
 * partitions of the transfer step; a failing sink is logged, never thrown. Also keeps the
 * execution's timeline (when each phase began, when the snapshot was taken, when each disk's first
 * bytes came in), in milliseconds from its start, for the log.
 *
 * <p>With {@link #inBackground} the pushes leave the job's threads: each is handed, in order, to a
 * thread of the execution's own that writes it to the sink (a catalog transaction each), so that a
 * phase change or a partition passing a tenth does not wait for the catalog; {@link #finish}
 * delivers everything handed over, then the last push, before the execution ends.
 */
final class ProgressTracker {
  private static final Logger LOG = Logger.getLogger(ProgressTracker.class.getName());

  private final long executionId;
  private final String vmId;
  private final TelemetrySink sink;
  private final Clock clock;
  private final Duration interval;
  private final Map<Integer, long[]> disks = new TreeMap<>();
  private final Instant started;
  private final Map<String, Duration> timeline = new LinkedHashMap<>();
  private BackupPhase phase = BackupPhase.PREPARE;
  private Instant transferStart;
  private Instant lastPush;
  private ExecutorService delivery;

  /** A tracker that pushes on the calling thread. */
  ProgressTracker(
      long executionId, String vmId, TelemetrySink sink, Clock clock, Duration interval) {
    this.executionId = executionId;
    this.vmId = vmId;
    this.sink = sink;
    this.clock = clock;
    this.interval = interval;
    this.started = clock.instant();
  }

  /** A tracker whose pushes (but the last) are written to the sink by a thread of its own. */
  static ProgressTracker inBackground(
      long executionId, String vmId, TelemetrySink sink, Clock clock, Duration interval) {
    ProgressTracker t = new ProgressTracker(executionId, vmId, sink, clock, interval);
    // One thread, so the sink sees the pushes in order; it ends when idle.
    ThreadPoolExecutor d =
        new ThreadPoolExecutor(
            1,
            1,
            5,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread thread = new Thread(r, "sendense-telemetry-" + executionId);
              thread.setDaemon(true);
              return thread;
            });
    d.allowCoreThreadTimeOut(true);
    t.delivery = d;
    return t;
  }

  /**
   * Enters the execution's last phase (complete or failed): waits until every earlier push reached
   * the sink, then pushes this one on the calling thread, so the sink sees it last and before the
   * execution ends.
   */
  void finish(BackupPhase last) {
    ExecutorService d;
    synchronized (this) {
      d = delivery;
      delivery = null;
    }
    if (d != null) {
      d.shutdown();
      try {
        if (!d.awaitTermination(30, TimeUnit.SECONDS)) {
          LOG.warning(() -> "Telemetry of job execution " + executionId + " still pending");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    phase(last);
  }

  /** Enters a phase and pushes at once. */
  synchronized void phase(BackupPhase next) {
    phase = next;
    mark(next.name().toLowerCase(Locale.ROOT));
    if (next == BackupPhase.TRANSFER && transferStart == null) {
      transferStart = clock.instant();
    }
    push(clock.instant());
  }

  /** Sets how many bytes a disk has to transfer in this execution. */
  synchronized void diskTotal(int diskKey, long bytes) {
    disks.computeIfAbsent(diskKey, k -> new long[2])[1] = bytes;
  }

  /**
   * Counts transferred bytes; pushes if the disk passed another tenth of its bytes or the interval
   * has passed since the last push.
   */
  synchronized void advance(int diskKey, long bytes) {
    long[] disk = disks.computeIfAbsent(diskKey, k -> new long[2]);
    int before = tenths(disk);
    disk[0] += bytes;
    Instant now = clock.instant();
    if (tenths(disk) > before
        || lastPush == null
        || Duration.between(lastPush, now).compareTo(interval) >= 0) {
      push(now);
    }
  }

  /** How many whole tenths of its bytes the disk has transferred (0 while its size is unknown). */
  private static int tenths(long[] disk) {
    return disk[1] <= 0 ? 0 : (int) Math.min(10, disk[0] * 10 / disk[1]);
  }

  /** Notes the first time {@code event} happened in this execution, for the timeline. */
  synchronized void mark(String event) {
    timeline.putIfAbsent(event, Duration.between(started, clock.instant()));
  }

  /**
   * When the execution started and what happened since, for the log: {@code "started
   * 2026-01-01T10:00:00.123Z: prepare +0 ms, snapshot +210 ms, ..."}.
   */
  synchronized String timeline() {
    StringBuilder out = new StringBuilder("started ").append(started).append(':');
    String separator = " ";
    for (Map.Entry<String, Duration> e : timeline.entrySet()) {
      out.append(separator).append(e.getKey()).append(" +").append(e.getValue().toMillis());
      out.append(" ms");
      separator = ", ";
    }
    return out.toString();
  }

  /** The progress as of now, without pushing it. */
  synchronized BackupProgress current() {
    return progress(clock.instant());
  }

  private void push(Instant now) {
    lastPush = now;
    BackupProgress p = progress(now);
    if (delivery != null) {
      delivery.execute(() -> deliver(p));
    } else {
      deliver(p);
    }
  }

  private void deliver(BackupProgress p) {
    try {
      sink.push(p);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Telemetry sink failed for VM " + vmId + "; ignoring", e);
    }
  }

  private BackupProgress progress(Instant now) {
    List<DiskProgress> list = new ArrayList<>();
    long done = 0;
    long total = 0;
    for (Map.Entry<Integer, long[]> e : disks.entrySet()) {
      list.add(new DiskProgress(e.getKey(), e.getValue()[0], e.getValue()[1]));
      done += e.getValue()[0];
      total += e.getValue()[1];
    }
    double seconds =
        transferStart == null ? 0 : Duration.between(transferStart, now).toNanos() / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    Duration eta =
        rate > 0 && total >= done
            ? Duration.ofMillis(Math.round((total - done) / rate * 1000))
            : null;
    return new BackupProgress(executionId, vmId, phase, done, total, rate, eta, list, now);
  }
}
