package io.sendense.batch.backup;

import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.BackupStatus;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.DiskResult;
import io.sendense.batch.port.DiskTransfer;
import io.sendense.batch.port.NewBackup;
import io.sendense.batch.port.ParentPoint;
import io.sendense.batch.port.VmRecord;
import io.sendense.plugin.api.source.VmConfiguration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The catalog as the tests need it: VMs, backups with status, per-disk transfers and results. */
class InMemoryCatalog implements CatalogPort {
  private final Map<String, VmRecord> vms = new ConcurrentHashMap<>();
  private final Map<Long, BackupRecord> backups = new ConcurrentHashMap<>();
  private final Map<Long, List<DiskResult>> results = new ConcurrentHashMap<>();
  private final Map<Long, String> failures = new ConcurrentHashMap<>();
  private final Map<String, DiskTransfer> transfers = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, VmConfiguration> configurations = new ConcurrentHashMap<>();
  private final Map<Long, String> configurationFiles = new ConcurrentHashMap<>();

  void addVm(VmRecord vm) {
    vms.put(vm.vmId(), vm);
  }

  @Override
  public VmRecord vm(String vmId) {
    VmRecord vm = vms.get(vmId);
    if (vm == null) {
      throw new IllegalArgumentException("no VM " + vmId);
    }
    return vm;
  }

  @Override
  public synchronized Optional<ParentPoint> latestCompletePoint(
      String vmId, int diskKey, String repositoryId) {
    return backups.values().stream()
        .filter(b -> b.vmId().equals(vmId) && b.repositoryId().equals(repositoryId))
        .filter(b -> b.status() == BackupStatus.COMPLETE)
        .sorted(Comparator.comparingLong(BackupRecord::backupId).reversed())
        .flatMap(b -> resultOf(b.backupId(), diskKey).stream())
        .findFirst()
        .map(r -> new ParentPoint(backupOf(r), diskKey, r.fileName(), r.changeId()));
  }

  private long backupOf(DiskResult r) {
    return results.entrySet().stream()
        .filter(e -> e.getValue().contains(r))
        .findFirst()
        .orElseThrow()
        .getKey();
  }

  Optional<DiskResult> resultOf(long backupId, int diskKey) {
    return results.getOrDefault(backupId, List.of()).stream()
        .filter(r -> r.diskKey() == diskKey)
        .findFirst();
  }

  @Override
  public synchronized BackupRecord createBackup(NewBackup b) {
    long id = ids.incrementAndGet();
    BackupRecord r =
        new BackupRecord(
            id,
            b.jobInstanceId(),
            b.vmId(),
            b.repositoryId(),
            b.started(),
            b.disks(),
            BackupStatus.RUNNING);
    backups.put(id, r);
    return r;
  }

  @Override
  public Optional<BackupRecord> backupOfJob(long jobInstanceId) {
    return backups.values().stream().filter(b -> b.jobInstanceId() == jobInstanceId).findFirst();
  }

  @Override
  public synchronized BackupRecord resumeBackup(
      long backupId, long jobInstanceId, long jobExecutionId) {
    BackupRecord b = backups.get(backupId);
    if (b == null) {
      throw new IllegalArgumentException("no backup " + backupId);
    }
    if (b.status() == BackupStatus.COMPLETE) {
      throw new IllegalStateException("backup " + backupId + " is complete");
    }
    BackupRecord r =
        new BackupRecord(
            b.backupId(),
            jobInstanceId,
            b.vmId(),
            b.repositoryId(),
            b.started(),
            b.disks(),
            BackupStatus.RUNNING);
    backups.put(backupId, r);
    return r;
  }

  BackupRecord backup(long backupId) {
    return backups.get(backupId);
  }

  String failure(long backupId) {
    return failures.get(backupId);
  }

  @Override
  public synchronized void backupRestarted(long backupId, long jobExecutionId) {
    status(backupId, BackupStatus.RUNNING);
  }

  @Override
  public void transferCommitted(long backupId, DiskTransfer transfer) {
    transfers.put(backupId + "/" + transfer.diskKey(), transfer);
  }

  @Override
  public Optional<DiskTransfer> transferOf(long backupId, int diskKey) {
    return Optional.ofNullable(transfers.get(backupId + "/" + diskKey));
  }

  @Override
  public synchronized void completeBackup(long backupId, List<DiskResult> diskResults) {
    results.put(backupId, new ArrayList<>(diskResults));
    status(backupId, BackupStatus.COMPLETE);
  }

  @Override
  public synchronized void recordVmConfiguration(
      long backupId, VmConfiguration configuration, String file) {
    configurations.put(backupId, configuration);
    configurationFiles.put(backupId, file);
  }

  /** The configuration recorded with a backup, or null. */
  VmConfiguration configurationOf(long backupId) {
    return configurations.get(backupId);
  }

  String configurationFileOf(long backupId) {
    return configurationFiles.get(backupId);
  }

  @Override
  public synchronized void failBackup(long backupId, String reason) {
    failures.put(backupId, reason);
    status(backupId, BackupStatus.FAILED);
  }

  private void status(long backupId, BackupStatus s) {
    BackupRecord b = backups.get(backupId);
    backups.put(
        backupId,
        new BackupRecord(
            b.backupId(),
            b.jobInstanceId(),
            b.vmId(),
            b.repositoryId(),
            b.started(),
            b.disks(),
            s));
  }
}
