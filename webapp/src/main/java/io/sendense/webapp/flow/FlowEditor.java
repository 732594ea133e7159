package io.sendense.webapp.flow;

import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.group.GroupDto;
import io.sendense.webapp.group.GroupService;
import io.sendense.webapp.repository.RepositoryDto;
import io.sendense.webapp.repository.RepositoryService;
import io.sendense.webapp.retention.PreviewRow;
import io.sendense.webapp.retention.RetentionRules;
import io.sendense.webapp.retention.RetentionService;
import io.sendense.webapp.schedule.CronExpression;
import io.sendense.webapp.schedule.ScheduleBuilder;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.shell.Messages;
import io.sendense.webapp.source.VmDto;
import io.sendense.webapp.source.VmService;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.ConverterException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;

/** The create/edit form of a flow, with the schedule builder; part of the flows page. */
@Named
@ViewScoped
public class FlowEditor implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int VM_SUGGESTIONS = 20;

  @Inject transient FlowActions actions;
  @Inject transient VmService vms;
  @Inject transient GroupService groups;
  @Inject transient RepositoryService repositories;
  @Inject transient io.sendense.webapp.copy.PolicyService policies;
  @Inject transient SecurityContext security;
  @Inject transient RetentionService retentionService;
  @Inject transient io.sendense.webapp.node.NodeService nodes;

  /** The form is rendered only once someone opened it: the page alone stays small. */
  private boolean open;

  private Long editingId;
  private String name;
  private String targetType = "group";
  private VmChoice targetVm;
  private Long targetGroupId;
  private Long repositoryId;
  private Long policyId;
  private Long nodeId;
  private String timeZone = ZoneId.systemDefault().getId();
  private boolean enabled = true;
  private RetentionForm retention = new RetentionForm();
  private ScheduleBuilder schedule = new ScheduleBuilder();

  public void startCreate() {
    open = true;
    editingId = null;
    name = null;
    targetType = "group";
    targetVm = null;
    targetGroupId = null;
    repositoryId = null;
    policyId = null;
    nodeId = null;
    timeZone = ZoneId.systemDefault().getId();
    enabled = true;
    retention = new RetentionForm();
    schedule = new ScheduleBuilder();
  }

  public void startEdit(FlowDto row) {
    open = true;
    editingId = row.id();
    name = row.name();
    targetType = row.targetType();
    targetVm = row.targetType().equals("vm") ? VmChoice.of(vms.get(row.targetId())) : null;
    targetGroupId = row.targetType().equals("group") ? row.targetId() : null;
    repositoryId = row.repositoryId();
    policyId = row.policyId();
    nodeId = row.nodeId();
    timeZone = row.timeZone();
    enabled = row.enabled();
    retention = RetentionForm.of(row.retention());
    schedule = ScheduleBuilder.of(row.schedule());
  }

  /** The cron expression the builder makes now, or why it is wrong, for the form to show. */
  public String getSchedulePreview() {
    String cron = schedule.cron();
    if (cron == null) {
      return "Manual only: runs when someone presses Run now";
    }
    return CronExpression.problemWith(cron).orElse("cron: " + cron);
  }

  public void save() {
    boolean vm = targetType.equals("vm");
    String cron = schedule.cron();
    FlowRequest request =
        new FlowRequest(
            name,
            vm && targetVm != null ? targetVm.id() : null,
            vm ? null : targetGroupId,
            repositoryId,
            cron == null ? "" : cron,
            timeZone,
            enabled,
            null,
            retention.rules(),
            policyId,
            nodeId);
    Caller caller = Caller.ofPage(security);
    try {
      FlowDto saved =
          editingId == null
              ? actions.create(request, caller)
              : actions.update(editingId, request, caller);
      Messages.info(
          "Saved flow " + saved.name(),
          saved.nextRunAt() == null ? "Manual only" : "Next run " + saved.nextRunAt());
    } catch (Refusal e) {
      Messages.error("Not saved", e.getMessage());
      FacesContext.getCurrentInstance().validationFailed();
    }
  }

  /** The first VMs whose name contains what was typed, for the VM field's suggestions. */
  public List<VmChoice> completeVm(String typed) {
    return vms.rows(null, typed, null, false, "name", 0, VM_SUGGESTIONS).stream()
        .map(VmChoice::of)
        .toList();
  }

  /** Turns the VM field's submitted id back into the choice (the id is all the browser keeps). */
  public Converter<VmChoice> getVmConverter() {
    return new Converter<>() {
      @Override
      public VmChoice getAsObject(FacesContext context, UIComponent component, String value) {
        if (value == null || value.isBlank()) {
          return null;
        }
        try {
          return VmChoice.of(vms.get(Long.parseLong(value.strip())));
        } catch (NumberFormatException | Refusal e) {
          throw new ConverterException(
              new FacesMessage(
                  FacesMessage.SEVERITY_ERROR, "No such VM", "Choose a VM from the suggestions"));
        }
      }

      @Override
      public String getAsString(FacesContext context, UIComponent component, VmChoice value) {
        return value == null ? "" : Long.toString(value.id());
      }
    };
  }

  public List<GroupDto> getGroups() {
    return groups.list();
  }

  public List<RepositoryDto> getRepositories() {
    return repositories.list();
  }

  /** Backup policies to choose from (their copy rules apply to the flow's points). */
  public List<io.sendense.webapp.copy.PolicyDto> getPolicies() {
    return policies.list();
  }

  /** The nodes a flow can be placed on (revoked ones are not). */
  public List<io.sendense.webapp.node.NodeDto> getNodes() {
    return nodes.placeableNodes();
  }

  public Long getNodeId() {
    return nodeId;
  }

  public void setNodeId(Long nodeId) {
    this.nodeId = nodeId;
  }

  public Long getPolicyId() {
    return policyId;
  }

  public void setPolicyId(Long policyId) {
    this.policyId = policyId;
  }

  public List<String> getTimeZones() {
    return ZoneId.getAvailableZoneIds().stream()
        .filter(z -> z.contains("/") || z.equals("UTC"))
        .sorted()
        .toList();
  }

  public Long getEditingId() {
    return editingId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getTargetType() {
    return targetType;
  }

  public void setTargetType(String targetType) {
    this.targetType = targetType;
  }

  public VmChoice getTargetVm() {
    return targetVm;
  }

  public void setTargetVm(VmChoice targetVm) {
    this.targetVm = targetVm;
  }

  public boolean isOpen() {
    return open;
  }

  public Long getTargetGroupId() {
    return targetGroupId;
  }

  public void setTargetGroupId(Long targetGroupId) {
    this.targetGroupId = targetGroupId;
  }

  public Long getRepositoryId() {
    return repositoryId;
  }

  public void setRepositoryId(Long repositoryId) {
    this.repositoryId = repositoryId;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public RetentionForm getRetention() {
    return retention;
  }

  /**
   * What the rules in the form would keep of the flow's existing points; empty for a new flow or
   * rules with a problem (the summary says which).
   */
  public List<PreviewRow> getRetentionPreview() {
    if (editingId == null || retention.rules().problem().isPresent()) {
      return List.of();
    }
    return retentionService.preview(editingId, retention.rules(), timeZone);
  }

  /** One line above the preview: the rules, or what is wrong with them. */
  public String getRetentionSummary() {
    RetentionRules rules = retention.rules();
    if (rules.problem().isPresent()) {
      return rules.problem().get();
    }
    if (rules.keepsAll()) {
      return "Every restore point is kept";
    }
    if (editingId == null) {
      return "Keeps " + rules.summary() + " per VM; the preview appears once the flow has points";
    }
    List<PreviewRow> rows = getRetentionPreview();
    long deleted = rows.stream().filter(r -> !r.keep()).count();
    return "Keeps "
        + rules.summary()
        + " per VM: of "
        + rows.size()
        + " existing points "
        + deleted
        + " would be deleted after the next run";
  }

  public ScheduleBuilder getSchedule() {
    return schedule;
  }

  /** A VM as the form's VM field shows it: its name and source, found by typing. */
  public record VmChoice(long id, String label) implements Serializable {
    static VmChoice of(VmDto vm) {
      return new VmChoice(vm.id(), vm.name() + " (" + vm.sourceName() + ")");
    }
  }
}
