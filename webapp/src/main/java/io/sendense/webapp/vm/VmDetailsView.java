package io.sendense.webapp.vm;

import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.shell.Messages;
import io.sendense.webapp.vmrestore.VmRestoreDto;
import io.sendense.webapp.vmrestore.VmRestoreQuery;
import io.sendense.webapp.vmrestore.VmRestoreService;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.util.List;

/**
 * VM details ({@code sources/vm-detail.xhtml?id=}): a VM's backup history and key figures, the
 * transfer speed of a chosen backup (live while it runs), trends, and the VM restores made from its
 * points.
 */
@Named
@ViewScoped
public class VmDetailsView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient VmDetailsService service;
  @Inject transient Clock clock;
  @Inject transient VmRestoreService restores;
  @Inject transient io.sendense.webapp.backup.RestorePoints points;
  @Inject transient io.sendense.webapp.shell.ShellView shell;
  @Inject transient io.sendense.webapp.audit.AuditService audit;

  private Long id;
  private VmDetailsDto vm;
  private Long backupId;
  private TelemetryDto telemetry;
  private List<VmRestoreDto> restoreRows;

  /** The view action: loads the VM named by the {@code id} parameter. */
  public void load() {
    if (id == null) {
      Messages.error("No VM chosen", "Open VM details from the VMs page");
      return;
    }
    try {
      vm = service.details(id);
      if (backupId == null && !vm.history().isEmpty()) {
        backupId = vm.history().get(0).id();
      }
      loadTelemetry();
    } catch (Refusal e) {
      Messages.error("VM not found", e.getMessage());
    }
  }

  /** Whole-VM restores made from this VM's points, newest first. */
  public List<VmRestoreDto> getRestores() {
    if (restoreRows == null && id != null) {
      restoreRows = restores.list(VmRestoreQuery.ofVm(id, 50));
    }
    return restoreRows;
  }

  /** The poll while the chosen backup runs. */
  public void refresh() {
    restoreRows = null;
    vm = service.details(id);
    loadTelemetry();
  }

  /** Deletes a restore point (admin); a locked or immutable one is refused with the reason. */
  public void delete(BackupRow row) {
    try {
      boolean now = points.delete(row.id(), shell.getUsername());
      audit.record(
          shell.getUsername(),
          "backup.delete",
          "backup " + row.id() + " of VM " + vm.name(),
          io.sendense.webapp.audit.AuditService.SUCCESS,
          null,
          now ? "from vm details" : "merging it out of its chains");
      Messages.info(
          now
              ? "Deleted restore point " + row.id()
              : "Restore point " + row.id() + " is merged out",
          now ? null : "Other points are built on it; it is DELETING until the merge is done");
      vm = service.details(id);
    } catch (Refusal e) {
      Messages.error("Not deleted", e.getMessage());
    }
  }

  /** Whether the row's point is immutable now. */
  public boolean immutable(BackupRow row) {
    return row.immutableAt(clock.instant());
  }

  public void backupChanged() {
    loadTelemetry();
  }

  private void loadTelemetry() {
    telemetry = backupId == null ? null : service.telemetry(backupId);
  }

  public boolean isLive() {
    return telemetry != null && telemetry.status().equals("RUNNING");
  }

  public String getSpeedChart() {
    return telemetry == null ? null : ChartJson.speed(telemetry);
  }

  public String getOutcomeChart() {
    return ChartJson.outcomes(vm);
  }

  public String getTrendChart() {
    return ChartJson.trends(vm.history());
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public VmDetailsDto getVm() {
    return vm;
  }

  public Long getBackupId() {
    return backupId;
  }

  public void setBackupId(Long backupId) {
    this.backupId = backupId;
  }

  public TelemetryDto getTelemetry() {
    return telemetry;
  }
}
