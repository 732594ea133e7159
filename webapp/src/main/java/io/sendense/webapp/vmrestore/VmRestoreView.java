package io.sendense.webapp.vmrestore;

import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.webapp.backup.RestorePoints;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.shell.Messages;
import io.sendense.webapp.source.SourceDto;
import io.sendense.webapp.source.SourceService;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.util.List;

/**
 * "Restore VM" on the Restore page: for the chosen point, four steps (the point's recorded VM →
 * target → options → confirm, which checks the target in the source) and then the restore's live
 * progress. Also opened on a restore directly ({@code ?vmRestore=id}, from the Jobs console or
 * machine details).
 */
@Named
@ViewScoped
public class VmRestoreView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient VmRestoreService restores;
  @Inject transient VmRestoreActions actions;
  @Inject transient RestorePoints points;
  @Inject transient SourceService sources;
  @Inject transient SecurityContext security;

  private final VmRestoreForm form = new VmRestoreForm();
  private VmConfiguration recorded;
  private String pointVm;
  private java.time.Instant pointStartedAt;
  private int step;
  private ResolvedTarget target;
  private Long restoreId;
  private VmRestoreDto restore;
  private List<SourceDto> sourceList;

  /** Opens the steps for a restore point. */
  public void begin(long backupId) {
    try {
      recorded = restores.recorded(backupId);
      var point = points.get(backupId).backup();
      pointVm = point.vmName();
      pointStartedAt = point.startedAt();
      form.reset(backupId, restores.sourceOfVm(point.vmId()), recorded);
      target = null;
      restore = null;
      restoreId = null;
      step = 1;
    } catch (Refusal e) {
      step = 0;
      Messages.error("This point cannot be restored as a VM", e.getMessage());
    }
  }

  public void next() {
    if (step == 3) {
      check();
      return;
    }
    step = Math.min(4, step + 1);
  }

  public void back() {
    step = Math.max(1, step - 1);
  }

  /** Step 3 → 4: the source resolves the target and checks its room; nothing is created. */
  private void check() {
    try {
      target = actions.check(form.request(), caller());
      step = 4;
    } catch (Refusal e) {
      Messages.error("The target cannot take this VM", e.getMessage());
    }
  }

  public void start() {
    try {
      restore = actions.start(form.request(), caller());
      restoreId = restore.id();
      step = 5;
      Messages.info("Restore queued", "VM " + restore.name() + " is being restored");
    } catch (Refusal e) {
      Messages.error("Not started", e.getMessage());
    }
  }

  public void cancel() {
    try {
      restore = actions.cancel(restoreId, caller());
      Messages.info("Cancel requested", "The half-made VM is deleted");
    } catch (Refusal e) {
      Messages.error("Not cancelled", e.getMessage());
    }
  }

  /** The poll while the restore runs, and the view action for {@code ?vmRestore=}. */
  public void refresh() {
    if (restoreId != null) {
      try {
        restore = restores.get(restoreId);
        step = 5;
      } catch (Refusal e) {
        Messages.error("No such restore", e.getMessage());
        restoreId = null;
      }
    }
  }

  public void close() {
    step = 0;
    restore = null;
    restoreId = null;
  }

  private Caller caller() {
    return Caller.ofPage(security);
  }

  public List<SourceDto> getSources() {
    if (sourceList == null) {
      sourceList = sources.list();
    }
    return sourceList;
  }

  public VmRestoreForm getForm() {
    return form;
  }

  public VmConfiguration getRecorded() {
    return recorded;
  }

  /** The VM of the point being restored. */
  public String getPointVm() {
    return pointVm;
  }

  /** When the point being restored was taken (the page shows it in the user's time zone). */
  public java.time.Instant getPointStartedAt() {
    return pointStartedAt;
  }

  public int getStep() {
    return step;
  }

  public ResolvedTarget getTarget() {
    return target;
  }

  public VmRestoreDto getRestore() {
    return restore;
  }

  public Long getRestoreId() {
    return restoreId;
  }

  public void setRestoreId(Long restoreId) {
    this.restoreId = restoreId;
  }
}
