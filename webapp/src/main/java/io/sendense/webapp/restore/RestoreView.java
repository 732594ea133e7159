package io.sendense.webapp.restore;

import io.sendense.webapp.backup.BackupDiskDto;
import io.sendense.webapp.backup.BackupDto;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.shell.Messages;
import io.sendense.webapp.shell.UserZone;
import jakarta.annotation.PreDestroy;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * The Restore page: pick a VM, one of its complete restore points and a disk; browse the disk's
 * partitions and folders ({@link RestoreBrowsing}) and download files, folders as ZIP, or a
 * selection as one ZIP. Opening a disk opens a restore session for the signed-in user, closed when
 * another disk is opened or the view ends. Viewers see VMs and points but may not open disks.
 */
@Named
@ViewScoped
public class RestoreView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient RestorePicker picker;
  @Inject transient RestoreSessions sessions;
  @Inject transient RestoreDownloads downloads;
  @Inject transient SecurityContext security;
  @Inject UserZone userZone;
  @Inject PointsLayout layout;

  private String vmQuery;
  private Long vmId;
  private RestorePicker.VmChoice vm;
  private List<RestorePicker.VmChoice> vms;
  private List<BackupDto> points;
  private BackupDto point;
  private List<BackupDiskDto> disks;
  private List<PointTimeline.Day> timeline;
  private final RestoreBrowsing browsing = new RestoreBrowsing();

  /** VMs with complete points matching the search box (at most {@link #getVmLimit()} shown). */
  public List<RestorePicker.VmChoice> getVms() {
    if (vms == null) {
      vms = picker.vms(vmQuery);
    }
    return vms.size() > RestorePicker.MAX_VMS ? vms.subList(0, RestorePicker.MAX_VMS) : vms;
  }

  /** Whether more VMs match than are shown (refine the search). */
  public boolean isMoreVms() {
    getVms();
    return vms.size() > RestorePicker.MAX_VMS;
  }

  public int getVmLimit() {
    return RestorePicker.MAX_VMS;
  }

  public String getVmQuery() {
    return vmQuery;
  }

  public void setVmQuery(String vmQuery) {
    this.vmQuery = vmQuery;
  }

  /** The VM named by the {@code vm} view parameter (a link from the machine's page), if any. */
  public Long getVmId() {
    return vmId;
  }

  public void setVmId(Long vmId) {
    this.vmId = vmId;
  }

  /** The view action for {@code ?vm=}: that VM picked and its points listed, or why not. */
  public void openVm() {
    if (vmId == null || FacesContext.getCurrentInstance().isPostback()) {
      return;
    }
    picker
        .vm(vmId)
        .ifPresentOrElse(
            choice -> {
              vmQuery = choice.vmName();
              vms = List.of(choice);
              vm = choice;
              vmChanged();
            },
            () ->
                Messages.error(
                    "Nothing to restore",
                    "VM " + vmId + " has no complete restore point: pick another VM below"));
  }

  /** The search box changed: search again. */
  public void search() {
    vms = null;
  }

  public RestorePicker.VmChoice getVm() {
    return vm;
  }

  public void setVm(RestorePicker.VmChoice vm) {
    this.vm = vm;
  }

  /** A VM was picked: show its points, forget the previous point and disk. */
  public void vmChanged() {
    point = null;
    disks = null;
    points = vm == null ? List.of() : picker.pointsOf(vm.vmId());
    timeline = null;
    closeMount();
  }

  public List<BackupDto> getPoints() {
    return points == null ? List.of() : points;
  }

  public BackupDto getPoint() {
    return point;
  }

  public void setPoint(BackupDto point) {
    this.point = point;
  }

  /** The picked VM's points as a timeline by day, newest first. */
  public List<PointTimeline.Day> getTimeline() {
    if (timeline == null) {
      timeline = PointTimeline.days(getPoints(), userZone.zone());
    }
    return timeline;
  }

  /** Whether the points show as a timeline (true, the default) or as the table. */
  public boolean isTimelineShown() {
    return layout.isTimeline();
  }

  /**
   * Switches between timeline and table; the choice holds for the session ({@link PointsLayout}).
   */
  public void showTimeline(boolean shown) {
    layout.setTimeline(shown);
  }

  /** A point was picked from the timeline: exactly what picking its table row does. */
  public void pick(BackupDto picked) {
    point = picked;
    pointChanged();
  }

  /** A point was picked: list its disks. */
  public void pointChanged() {
    closeMount();
    disks = point == null ? null : picker.disksOf(point.id());
  }

  public List<BackupDiskDto> getDisks() {
    return disks == null ? List.of() : disks;
  }

  /** Opens a disk of the picked point: its partitions appear as folders. */
  public void openDisk(int index) {
    if (!isOperator()) {
      Messages.error("Not allowed", "Only operators and admins may browse restore points");
      return;
    }
    closeMount();
    try {
      RestoreSession session = sessions.open(point.id(), index, user());
      browsing.start(session);
      Messages.info("Disk opened", point.vmName() + " · disk " + index);
    } catch (Refusal e) {
      Messages.error("Cannot open the disk", e.getMessage());
    }
  }

  public RestoreBrowsing getBrowsing() {
    return browsing;
  }

  /** Session of the open disk; an expired one says so. */
  RestoreSession session() {
    return sessions.get(browsing.mountId(), user());
  }

  /** Streams the selected entries as one ZIP through the same code as the API (non-AJAX). */
  public void downloadSelection() throws IOException {
    if (browsing.getSelection() == null || browsing.getSelection().isEmpty()) {
      Messages.error("Nothing selected", "Tick the files and folders to download first");
      return;
    }
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    Download download;
    try {
      download =
          downloads.selection(
              session(),
              browsing.getPartitionId(),
              browsing.getSelection().stream().map(FileEntryDto::path).toList(),
              new Caller(user(), remote(external)));
    } catch (Refusal e) {
      Messages.error("Download refused", e.getMessage());
      return;
    }
    external.responseReset();
    RestoreDownloadServlet.send(download, (HttpServletResponse) external.getResponse());
    faces.responseComplete();
  }

  /** Browsing actions need the session; an expired one is reported, not thrown. */
  public void run(String action, Runnable step) {
    try {
      step.run();
    } catch (Refusal e) {
      Messages.error(action, e.getMessage());
    }
  }

  public void openPartition(PartitionDto partition) {
    run("Cannot open the partition", () -> browsing.openPartition(session(), partition));
  }

  public void openFolder(FileEntryDto folder) {
    run("Cannot open the folder", () -> browsing.openFolder(session(), folder.path()));
  }

  /** The "Find files by name" box: its matches in the open partition, or why not. */
  public void find() {
    run("Cannot search", () -> browsing.find(sessions, session()));
  }

  public void openFolderOf(FileEntryDto match) {
    run("Cannot open the folder", () -> browsing.openFolderOf(session(), match));
  }

  public void go(RestoreBrowsing.Crumb crumb) {
    run("Cannot open the folder", () -> browsing.go(session(), crumb));
  }

  public boolean isOperator() {
    return security.isCallerInRole(Roles.OPERATOR);
  }

  /** The page's download link of an entry (file, or folder as ZIP). */
  public String downloadUrl(FileEntryDto entry) {
    return browsing.downloadUrl(contextPath(), entry.path());
  }

  /** The folder of a search match, from the partition's root. */
  public String folderOf(FileEntryDto match) {
    return RestoreBrowsing.folderOf(match);
  }

  /** The current folder as ZIP. */
  public String folderUrl() {
    return browsing.downloadUrl(contextPath(), browsing.getPath());
  }

  @PreDestroy
  void closeMount() {
    String mount = browsing.mountId();
    String owner = browsing.owner();
    browsing.clear();
    if (mount != null) {
      try {
        sessions.close(mount, owner);
      } catch (RuntimeException e) {
        // Already expired or closed: nothing left to release.
      }
    }
  }

  private String user() {
    return security.getCallerPrincipal().getName();
  }

  private static String contextPath() {
    return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
  }

  private static String remote(ExternalContext external) {
    return ((HttpServletRequest) external.getRequest()).getRemoteAddr();
  }
}
