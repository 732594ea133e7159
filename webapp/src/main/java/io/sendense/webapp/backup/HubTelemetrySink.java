package io.sendense.webapp.backup;

import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.BackupProgress;
import io.sendense.batch.port.TelemetrySink;
import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobPhase;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.backup.TelemetrySnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Live progress of backup jobs into the catalog: every push updates the job's row (the job pushes
 * at most every 3 s and on phase changes); a telemetry snapshot of the backup is kept every 30 s
 * and on every phase change, for the performance chart and the backup's peak rate. The job's last
 * push (complete or failed) tells the dispatcher to look for the execution's end right away.
 * Application-scoped for its snapshot state; it must only be called from outside a transaction (job
 * threads, the node listener), never nested in another transactional bean (see {@link
 * HubCatalogPort}).
 */
@ApplicationScoped
public class HubTelemetrySink implements TelemetrySink {
  static final Duration SNAPSHOT_EVERY = Duration.ofSeconds(30);

  private final Map<Long, Kept> lastKept = new ConcurrentHashMap<>();

  @Inject BackupJobStore jobs;
  @Inject BackupStore backups;
  @Inject JobDispatcher dispatcher;
  @Inject Event<JobChanged> changed;

  private record Kept(Instant at, BackupJobPhase phase, Map<Integer, Integer> tenths) {}

  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void push(BackupProgress progress) {
    BackupJobPhase phase = phase(progress.phase());
    long rate = Math.round(progress.bytesPerSecond());
    Long eta = progress.eta() == null ? null : progress.eta().toSeconds();
    jobs.progress(
        progress.jobExecutionId(), phase, progress.bytesDone(), progress.bytesTotal(), rate, eta);
    if (phase.ended()) {
      dispatcher.jobEnding();
    }
    changed.fire(new JobChanged());
    if (!keep(progress, phase)) {
      return;
    }
    jobs.byExecution(progress.jobExecutionId())
        .map(BackupJob::getBackup)
        .ifPresent(
            backup -> {
              TelemetrySnapshot snapshot = new TelemetrySnapshot();
              snapshot.setBackup(backup);
              snapshot.setCapturedAt(progress.at());
              snapshot.setPhase(phase);
              snapshot.setBytesDone(progress.bytesDone());
              snapshot.setBytesTotal(progress.bytesTotal());
              snapshot.setRateBps(rate);
              snapshot.setEtaSeconds(eta);
              snapshot.setDiskProgress(disks(progress));
              backups.saveTelemetry(snapshot);
            });
  }

  /** Whether this push becomes a kept snapshot; forgets an execution once it ended. */
  boolean keep(BackupProgress progress, BackupJobPhase phase) {
    long execution = progress.jobExecutionId();
    Kept last = lastKept.get(execution);
    Map<Integer, Integer> tenths = tenths(progress);
    boolean keep =
        last == null
            || last.phase() != phase
            || !progress.at().isBefore(last.at().plus(SNAPSHOT_EVERY))
            || !last.tenths().equals(tenths);
    if (phase.ended()) {
      lastKept.remove(execution);
    } else if (keep) {
      lastKept.put(execution, new Kept(progress.at(), phase, tenths));
    }
    return keep;
  }

  /** The catalog's phase of the job's phase (the same names). */
  static BackupJobPhase phase(BackupPhase phase) {
    return BackupJobPhase.valueOf(phase.name());
  }

  /** How many whole tenths of its bytes each disk has transferred. */
  static Map<Integer, Integer> tenths(BackupProgress progress) {
    return progress.disks().stream()
        .collect(
            Collectors.toMap(
                d -> d.diskKey(),
                d ->
                    d.bytesTotal() <= 0
                        ? 0
                        : (int) Math.min(10, d.bytesDone() * 10 / d.bytesTotal()),
                (a, b) -> b));
  }

  /** Per-disk progress as compact JSON: {"2000":[done,total],...}. */
  static String disks(BackupProgress progress) {
    return progress.disks().stream()
        .map(d -> "\"" + d.diskKey() + "\":[" + d.bytesDone() + "," + d.bytesTotal() + "]")
        .collect(Collectors.joining(",", "{", "}"));
  }
}
