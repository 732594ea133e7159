package io.sendense.webapp.backup;

import io.sendense.batch.point.PointJson;
import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.DiskRecord;
import io.sendense.batch.port.DiskResult;
import io.sendense.batch.port.DiskTracking;
import io.sendense.batch.port.DiskTransfer;
import io.sendense.batch.port.NewBackup;
import io.sendense.batch.port.ParentPoint;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.batch.port.VmRecord;
import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupDisk;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.backup.BackupType;
import io.sendense.persistence.backup.ChangeTracking;
import io.sendense.persistence.common.PresenceState;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.persistence.restore.BackupVmConfig;
import io.sendense.persistence.restore.RestoreJobStore;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.source.VmDisk;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.webapp.immutability.PointLocks;
import io.sendense.webapp.lifecycle.HashPending;
import io.sendense.webapp.lifecycle.ManifestService;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The backup job's view of the catalog, on JPA. Job ids are the catalog's ids as strings: {@code
 * vmId} is a {@code vm_contexts.id}, {@code repositoryId} a {@code repositories.id}, a disk key is
 * the VM disk's device key. Every method is its own transaction, so what a step recorded survives a
 * crash of the next one.
 *
 * <p>Dependent, so each job artifact (one per partition thread) has its own instance and its own
 * transactional interceptor. GlassFish's interceptor restores the caller's "may use
 * UserTransaction" state from a field that all threads using one bean instance share; an
 * application-scoped port entered nested by one thread could leave a job thread forbidden to begin
 * its chunk transactions ("Operation not allowed"). {@link HubSourcePort} and {@link
 * HubRepositoryPort} are dependent for the same reason; {@link HubTelemetrySink} keeps state and is
 * only ever entered from outside any transaction.
 */
@Dependent
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class HubCatalogPort implements CatalogPort {
  @Inject SourceStore sources;
  @Inject RepositoryStore repositories;
  @Inject BackupStore backups;
  @Inject BackupJobStore jobs;
  @Inject RestoreJobStore restores;
  @Inject Clock clock;
  @Inject ManifestService manifests;
  @Inject PointLocks locks;
  @Inject Event<HashPending> hashPending;

  private static final Logger LOG = Logger.getLogger(HubCatalogPort.class.getName());

  @Override
  public VmRecord vm(String vmId) {
    Vm vm = catalogVm(vmId);
    List<DiskRecord> disks =
        sources.disksOf(vm).stream()
            .filter(d -> d.getState() == PresenceState.PRESENT)
            .map(d -> new DiskRecord(d.getDeviceKey(), label(d), d.getCapacityBytes()))
            .toList();
    return new VmRecord(vmId, vm.getName(), disks);
  }

  @Override
  public Optional<ParentPoint> latestCompletePoint(String vmId, int diskKey, String repositoryId) {
    VmDisk disk = vmDisk(catalogVm(vmId), diskKey);
    return backups
        .latestCompleteDisk(disk, repository(repositoryId))
        .map(
            d -> new ParentPoint(d.getBackup().getId(), diskKey, d.getFileName(), d.getChangeId()));
  }

  @Override
  public BackupRecord createBackup(NewBackup request) {
    Vm vm = catalogVm(request.vmId());
    Backup backup = new Backup();
    backup.setVm(vm);
    backup.setRepository(repository(request.repositoryId()));
    backup.setJobInstanceId(request.jobInstanceId());
    backup.setJobExecutionId(request.jobExecutionId());
    backup.setStartedAt(request.started());
    backup.setStatus(BackupStatus.RUNNING);
    backup.setBackupType(
        request.disks().stream().allMatch(PlannedDisk::incremental) && !request.disks().isEmpty()
            ? BackupType.INCREMENTAL
            : BackupType.FULL);
    jobs.byExecution(request.jobExecutionId())
        .ifPresent(
            job -> {
              backup.setFlowExecution(job.getFlowExecution());
              job.setBackup(backup);
            });
    backups.save(backup);
    int index = 0;
    for (PlannedDisk planned : request.disks()) {
      BackupDisk disk = new BackupDisk();
      disk.setBackup(backup);
      disk.setVmDisk(vmDisk(vm, planned.diskKey()));
      disk.setDiskIndex(index++);
      disk.setLabel(planned.label());
      disk.setFileName(planned.fileName());
      disk.setCapacityBytes(planned.capacityBytes());
      disk.setParent(planned.incremental() ? parentDisk(planned.parent()) : null);
      if (!planned.incremental()) {
        disk.setChangeTracking(ChangeTracking.NONE_FULL);
        disk.setChangeTrackingReason(planned.fullReason());
      }
      disk.setStatus(BackupStatus.RUNNING);
      disk.setStartedAt(request.started());
      backups.saveDisk(disk);
    }
    return record(backup);
  }

  @Override
  public Optional<BackupRecord> backupOfJob(long jobInstanceId) {
    return backups.byJobInstance(jobInstanceId).map(this::record);
  }

  @Override
  public BackupRecord resumeBackup(long backupId, long jobInstanceId, long jobExecutionId) {
    Backup backup = backup(backupId);
    if (backup.getStatus() == BackupStatus.COMPLETE) {
      throw new IllegalStateException(
          "Backup " + backupId + " is complete; there is nothing to resume");
    }
    backup.setJobInstanceId(jobInstanceId);
    backupRestarted(backupId, jobExecutionId);
    return record(backup);
  }

  @Override
  public void backupRestarted(long backupId, long jobExecutionId) {
    Backup backup = backup(backupId);
    backup.setStatus(BackupStatus.RUNNING);
    backup.setJobExecutionId(jobExecutionId);
    backup.setErrorMessage(null);
    backup.setCompletedAt(null);
    for (BackupDisk disk : backups.disksOf(backup)) {
      if (disk.getStatus() != BackupStatus.COMPLETE) {
        disk.setStatus(BackupStatus.RUNNING);
      }
    }
  }

  @Override
  public void transferCommitted(long backupId, DiskTransfer transfer) {
    BackupDisk disk = disk(backup(backupId), transfer.diskKey());
    disk.setTransferOffset(transfer.committedOffset());
    disk.setTransferDone(transfer.done());
    disk.setTransferSnapshot(transfer.snapshotId());
    disk.setTransferChangeId(transfer.changeId());
    disk.setTransferBytesRead(transfer.bytesRead());
    disk.setTransferMs(transfer.duration().toMillis());
    track(disk, transfer.tracking());
  }

  @Override
  public Optional<DiskTransfer> transferOf(long backupId, int diskKey) {
    BackupDisk disk = disk(backup(backupId), diskKey);
    if (disk.getTransferSnapshot() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new DiskTransfer(
            diskKey,
            disk.getTransferOffset() == null ? 0 : disk.getTransferOffset(),
            disk.isTransferDone(),
            disk.getTransferSnapshot(),
            disk.getTransferChangeId(),
            disk.getTransferBytesRead() == null ? 0 : disk.getTransferBytesRead(),
            Duration.ofMillis(disk.getTransferMs() == null ? 0 : disk.getTransferMs()),
            tracking(disk)));
  }

  @Override
  public void completeBackup(long backupId, List<DiskResult> results) {
    Backup backup = backup(backupId);
    List<Long> pending = new ArrayList<>();
    Instant now = clock.instant();
    long read = 0;
    long written = 0;
    for (DiskResult result : results) {
      BackupDisk disk = disk(backup, result.diskKey());
      disk.setChangeId(result.changeId());
      disk.setFileName(result.fileName());
      disk.setBytesRead(result.bytesRead());
      disk.setBytesWritten(result.bytesWritten());
      if (result.image() != null) {
        ManifestService.record(disk, result.image(), now);
        if (result.image().sha256() == null) {
          disk.setHashPending(true);
          pending.add(disk.getId());
        }
      }
      disk.setStatus(BackupStatus.COMPLETE);
      disk.setCompletedAt(now);
      track(disk, result.tracking());
      read += result.bytesRead();
      written += result.bytesWritten();
    }
    long millis = Math.max(1, Duration.between(backup.getStartedAt(), now).toMillis());
    backup.setBytesRead(read);
    backup.setBytesWritten(written);
    backup.setDurationMs(millis);
    backup.setAvgRateBps(read * 1000 / millis);
    backup.setPeakRateBps(
        Math.max(
            backup.getAvgRateBps(),
            backups.telemetryOf(backup).stream().mapToLong(t -> t.getRateBps()).max().orElse(0)));
    backup.setCompletedAt(now);
    backup.setStatus(BackupStatus.COMPLETE);
    trackPoint(backup, results.stream().map(DiskResult::tracking).toList());
    writeManifest(backup);
    locks.lockNew(backup);
    if (!pending.isEmpty()) {
      hashPending.fire(new HashPending(backupId, pending));
    }
  }

  /**
   * The point's sidecar manifest (in a repository placed on a node, queued for that node). A
   * repository that takes the images but not this small file does not fail the backup: the point is
   * complete, and the next verification writes the manifest.
   */
  private void writeManifest(Backup backup) {
    try {
      manifests.write(backup);
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "The manifest of restore point "
              + backup.getId()
              + " was not written; verification"
              + " writes it later",
          e);
    }
  }

  @Override
  public void failBackup(long backupId, String reason) {
    backups.markFailed(backup(backupId), reason, clock.instant());
  }

  private static void track(BackupDisk disk, DiskTracking tracking) {
    disk.setChangeTracking(ChangeTracking.valueOf(tracking.mode().name()));
    disk.setChangeTrackingReason(tracking.reason());
  }

  private static DiskTracking tracking(BackupDisk disk) {
    if (disk.getChangeTracking() == null) {
      return disk.getParent() == null ? DiskTracking.full("full image") : DiskTracking.cbt();
    }
    io.sendense.batch.port.ChangeTracking mode =
        io.sendense.batch.port.ChangeTracking.valueOf(disk.getChangeTracking().name());
    return new DiskTracking(
        mode,
        mode == io.sendense.batch.port.ChangeTracking.CBT
            ? null
            : Objects.requireNonNullElse(disk.getChangeTrackingReason(), mode.name()));
  }

  /**
   * The point's tracking: content compare if any disk compared content, else CBT if every disk used
   * it, else a full; the reasons of the disks that did not use CBT, each once.
   */
  private static void trackPoint(Backup backup, List<DiskTracking> disks) {
    ChangeTracking mode =
        disks.stream()
                .anyMatch(t -> t.mode() == io.sendense.batch.port.ChangeTracking.CONTENT_COMPARE)
            ? ChangeTracking.CONTENT_COMPARE
            : disks.stream().allMatch(t -> t.mode() == io.sendense.batch.port.ChangeTracking.CBT)
                ? ChangeTracking.CBT
                : ChangeTracking.NONE_FULL;
    List<String> reasons =
        disks.stream().map(DiskTracking::reason).filter(Objects::nonNull).distinct().toList();
    backup.setChangeTracking(mode);
    backup.setFallbackReason(reasons.isEmpty() ? null : String.join("; ", reasons));
  }

  @Override
  public void recordVmConfiguration(long backupId, VmConfiguration c, String file) {
    backup(backupId);
    BackupVmConfig row =
        restores
            .configOf(backupId)
            .orElseGet(() -> restores.saveConfig(new BackupVmConfig(backupId)));
    row.record(
        PointJson.write(c),
        file,
        c.cpus(),
        c.memoryMib(),
        c.diskBytes(),
        c.firmware().name(),
        c.guestId());
  }

  private BackupRecord record(Backup backup) {
    List<PlannedDisk> disks =
        backups.disksOf(backup).stream()
            .map(
                d ->
                    new PlannedDisk(
                        d.getVmDisk().getDeviceKey(),
                        d.getLabel() == null ? label(d.getVmDisk()) : d.getLabel(),
                        d.getCapacityBytes(),
                        d.getFileName(),
                        d.getParent() == null ? null : parentPoint(d.getParent()),
                        d.getParent() == null ? d.getChangeTrackingReason() : null))
            .toList();
    return new BackupRecord(
        backup.getId(),
        backup.getJobInstanceId() == null ? 0 : backup.getJobInstanceId(),
        String.valueOf(backup.getVm().getId()),
        String.valueOf(backup.getRepository().getId()),
        backup.getStartedAt(),
        disks,
        io.sendense.batch.port.BackupStatus.valueOf(backup.getStatus().name()));
  }

  private static ParentPoint parentPoint(BackupDisk parent) {
    return new ParentPoint(
        parent.getBackup().getId(),
        parent.getVmDisk().getDeviceKey(),
        parent.getFileName(),
        parent.getChangeId());
  }

  private BackupDisk parentDisk(ParentPoint parent) {
    return disk(backup(parent.backupId()), parent.diskKey());
  }

  private BackupDisk disk(Backup backup, int diskKey) {
    return backups.disksOf(backup).stream()
        .filter(d -> d.getVmDisk().getDeviceKey() == diskKey)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Backup " + backup.getId() + " has no disk with key " + diskKey));
  }

  private Backup backup(long id) {
    return backups
        .byId(id)
        .orElseThrow(() -> new IllegalArgumentException("No backup with id " + id));
  }

  private Vm catalogVm(String vmId) {
    return sources
        .vm(parse(vmId, "VM"))
        .orElseThrow(() -> new IllegalArgumentException("No VM with id " + vmId));
  }

  private VmDisk vmDisk(Vm vm, int key) {
    return sources.disksOf(vm).stream()
        .filter(d -> d.getDeviceKey() == key)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "VM '" + vm.getName() + "' has no disk with key " + key));
  }

  private Repository repository(String repositoryId) {
    return repositories
        .byId(parse(repositoryId, "repository"))
        .orElseThrow(() -> new IllegalArgumentException("No repository with id " + repositoryId));
  }

  static long parse(String id, String what) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Not a " + what + " id: " + id);
    }
  }

  private static String label(VmDisk disk) {
    return disk.getLabel() == null ? "Disk " + disk.getDeviceKey() : disk.getLabel();
  }
}
