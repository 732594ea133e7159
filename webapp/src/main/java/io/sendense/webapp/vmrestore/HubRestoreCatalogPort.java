package io.sendense.webapp.vmrestore;

import io.sendense.batch.point.PointJson;
import io.sendense.batch.restore.port.RestoreCatalogPort;
import io.sendense.batch.restore.port.RestorePhase;
import io.sendense.batch.restore.port.RestoreProgress;
import io.sendense.batch.restore.port.RestoreRequest;
import io.sendense.persistence.common.PresenceState;
import io.sendense.persistence.restore.RestoreJob;
import io.sendense.persistence.restore.RestoreJobDisk;
import io.sendense.persistence.restore.RestoreJobPhase;
import io.sendense.persistence.restore.RestoreJobStatus;
import io.sendense.persistence.restore.RestoreJobStore;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.Vm;
import io.sendense.plugin.api.source.RestoreCheck;
import io.sendense.plugin.api.source.RestoredVm;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.webapp.backup.JobChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The {@code restore-vm} job's view of the catalog, on JPA: one transaction per call, so what a
 * step recorded (the new VM, a written disk) survives a crash of the next one.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class HubRestoreCatalogPort implements RestoreCatalogPort {
  private static final Logger LOG = Logger.getLogger(HubRestoreCatalogPort.class.getName());

  @Inject Clock clock;
  @Inject RestoreJobStore jobs;
  @Inject SourceStore sources;
  @Inject Event<JobChanged> changed;

  @Override
  public RestoreRequest request(long restoreId) {
    return request(job(restoreId));
  }

  static RestoreRequest request(RestoreJob j) {
    return new RestoreRequest(
        j.getId() == null ? 0 : j.getId(),
        j.getBackupId() == null ? -1 : j.getBackupId(),
        j.getSourceId() == null ? -1 : j.getSourceId(),
        j.getTargetName(),
        PointJson.placement(j.getPlacementJson()),
        PointJson.map(j.getNetworkMapJson()),
        j.getDiskProvisioning() == null
            ? null
            : VmConfiguration.Provisioning.valueOf(j.getDiskProvisioning()),
        j.isPowerOn(),
        j.getReplaceVmId(),
        j.isOriginalRemoved(),
        j.getDisks().stream()
            .map(
                d ->
                    new RestoreRequest.Disk(
                        d.getDiskKey(),
                        d.getDiskIndex(),
                        d.getLabel(),
                        d.getCapacityBytes(),
                        d.isUploaded()))
            .toList(),
        j.getCreatedVmJson() == null ? null : PointJson.restoredVm(j.getCreatedVmJson()));
  }

  @Override
  public void resolved(long restoreId, RestoreCheck check) {
    job(restoreId).setResolvedJson(ResolvedTarget.json(check));
  }

  @Override
  public void vmCreated(long restoreId, RestoredVm vm) {
    job(restoreId).setCreatedVm(vm.vmId(), PointJson.write(vm));
  }

  @Override
  public void vmRemoved(long restoreId) {
    RestoreJob job = job(restoreId);
    job.setCreatedVm(null, null);
    job.getDisks().forEach(RestoreJobDisk::reset);
  }

  @Override
  public void diskUploaded(long restoreId, int diskKey, long bytesSent, long durationMs) {
    jobs.diskUploaded(restoreId, diskKey, bytesSent, durationMs);
  }

  @Override
  public void originalRemoved(long restoreId) {
    job(restoreId).setOriginalRemoved(true);
  }

  @Override
  public void completed(long restoreId, String vmId, String vmName, String warning) {
    RestoreJob job = job(restoreId);
    job.setStatus(RestoreJobStatus.COMPLETED);
    job.setPhase(RestoreJobPhase.COMPLETE);
    job.setEndedAt(clock.instant());
    job.setErrorMessage(warning);
    if (job.getReplaceVmId() != null) {
      handOver(job, vmId);
    }
    changed.fire(new JobChanged());
  }

  /**
   * The VM that replaced the original is the original to the catalog: the original's row (its
   * restore points, flows, groups) now names the new VM's id, as a renamed VM keeps its row.
   * Without this the next discovery marked the row GONE and added the restored VM as a new,
   * unprotected one, and backups of the row failed. The next backup reads the new VM in full or
   * compares content (its disks have no change ids of the old VM's).
   */
  private void handOver(RestoreJob job, String newVmId) {
    Vm vm = job.getVmId() == null ? null : sources.vm(job.getVmId()).orElse(null);
    if (vm == null
        || !job.getReplaceVmId().equals(vm.getMoref())
        || !vm.getSource().getId().equals(job.getSourceId())) {
      return; // handed over already (a repeated call), or not the original's row
    }
    if (sources.vmByMoref(vm.getSource(), newVmId).isPresent()) {
      LOG.warning(
          () ->
              "Restore "
                  + job.getId()
                  + ": a discovery already added the VM "
                  + newVmId
                  + " that replaced "
                  + vm.getName()
                  + "; its restore points stay with the original's row");
      return;
    }
    vm.setMoref(newVmId);
    vm.setState(PresenceState.PRESENT);
    sources.saveVm(vm);
  }

  @Override
  public void failed(long restoreId, String reason) {
    RestoreJob job = job(restoreId);
    job.setStatus(RestoreJobStatus.FAILED);
    job.setPhase(RestoreJobPhase.FAILED);
    job.setEndedAt(clock.instant());
    job.setErrorMessage(reason);
    changed.fire(new JobChanged());
  }

  @Override
  public boolean cancelRequested(long restoreId) {
    return jobs.cancelRequested(restoreId);
  }

  @Override
  public void progress(RestoreProgress p) {
    jobs.progress(
        p.restoreId(),
        phase(p.phase()),
        p.bytesDone(),
        p.bytesTotal(),
        p.rateBps(),
        p.etaSeconds());
    changed.fire(new JobChanged());
  }

  /** The catalog's name for a phase the job reports: the same name. */
  static RestoreJobPhase phase(RestorePhase phase) {
    return RestoreJobPhase.valueOf(phase.name());
  }

  private RestoreJob job(long id) {
    return jobs.byId(id)
        .orElseThrow(() -> new IllegalArgumentException("No VM restore with id " + id));
  }
}
