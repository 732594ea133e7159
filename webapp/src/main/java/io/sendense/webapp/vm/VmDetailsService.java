package io.sendense.webapp.vm;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.TelemetrySnapshot;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.vm.VmStore;
import io.sendense.webapp.common.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/** VM details: one VM's backups, their key figures, and the transfer of each over time. */
@ApplicationScoped
@Transactional
public class VmDetailsService {
  static final int HISTORY = 200;

  @Inject SourceStore vms;
  @Inject VmStore store;
  @Inject FlowStore flows;

  public VmDetailsDto details(long vmId) {
    Vm vm = vms.vm(vmId).orElseThrow(() -> new Refusal(404, "No VM with id " + vmId));
    List<BackupRow> history =
        store.backupsOf(vm, HISTORY).stream().map(VmDetailsService::row).toList();
    int ok = count(history, BackupStatus.COMPLETE);
    int running = count(history, BackupStatus.RUNNING);
    int failed = history.size() - ok - running;
    List<BackupRow> complete =
        history.stream().filter(b -> b.status().equals(BackupStatus.COMPLETE.name())).toList();
    return new VmDetailsDto(
        vm.getId(),
        vm.getName(),
        vm.getSource().getName(),
        vm.getState().name(),
        vm.getPowerState(),
        vm.getGuestOs(),
        vms.groupNamesOf(vm),
        flows.flowsOfVm(vm).stream().map(ProtectionFlow::getName).toList(),
        history.size(),
        ok,
        failed,
        running,
        ok + failed == 0 ? -1 : Math.round(ok * 100f / (ok + failed)),
        average(complete.stream().mapToLong(BackupRow::bytesWritten).average()),
        average(
            complete.stream()
                .filter(b -> b.durationMs() != null)
                .mapToLong(BackupRow::durationMs)
                .average()),
        history);
  }

  public TelemetryDto telemetry(long backupId) {
    Backup backup =
        store.backup(backupId).orElseThrow(() -> new Refusal(404, "No backup with id " + backupId));
    List<TelemetrySnapshot> samples = store.telemetryOf(backup);
    List<TelemetryDto.Point> points =
        samples.stream()
            .map(
                t ->
                    new TelemetryDto.Point(
                        t.getCapturedAt(),
                        t.getPhase(),
                        t.getBytesDone(),
                        t.getBytesTotal(),
                        t.getRateBps()))
            .toList();
    long peak = points.stream().mapToLong(TelemetryDto.Point::rateBps).max().orElse(0);
    long average = 0;
    if (points.size() >= 2) {
      TelemetryDto.Point first = points.get(0);
      TelemetryDto.Point last = points.get(points.size() - 1);
      long ms = Duration.between(first.capturedAt(), last.capturedAt()).toMillis();
      average = ms <= 0 ? 0 : (last.bytesDone() - first.bytesDone()) * 1000 / ms;
    }
    if (backup.getPeakRateBps() != null && backup.getPeakRateBps() > peak) {
      peak = backup.getPeakRateBps();
    }
    if (backup.getAvgRateBps() != null && backup.getStatus() == BackupStatus.COMPLETE) {
      average = backup.getAvgRateBps();
    }
    return new TelemetryDto(
        backup.getId(), backup.getVm().getName(), backup.getStatus().name(), peak, average, points);
  }

  private static int count(List<BackupRow> rows, BackupStatus status) {
    return (int) rows.stream().filter(b -> b.status().equals(status.name())).count();
  }

  private static Long average(OptionalDouble value) {
    return value.isPresent() ? Math.round(value.getAsDouble()) : null;
  }

  static BackupRow row(Backup b) {
    return new BackupRow(
        b.getId(),
        b.getBackupType().name(),
        b.getStatus().name(),
        b.getStartedAt(),
        b.getCompletedAt(),
        b.getBytesRead(),
        b.getBytesWritten(),
        b.getDurationMs(),
        b.getAvgRateBps(),
        b.getPeakRateBps(),
        b.getRepository().getName(),
        b.getJobExecutionId(),
        b.getFlowExecution() == null ? null : b.getFlowExecution().getId(),
        b.getErrorMessage(),
        b.getChangeTracking() == null ? null : b.getChangeTracking().name(),
        b.getFallbackReason(),
        b.getVerificationStatus() == null ? null : b.getVerificationStatus().name(),
        b.getVerificationDetail(),
        b.getImmutableUntil(),
        b.getCopyOfBackupId());
  }
}
