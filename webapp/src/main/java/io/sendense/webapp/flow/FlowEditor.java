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
import jakarta.faces.context.FacesContext;
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

  @Inject transient FlowActions actions;
  @Inject transient VmService vms;
  @Inject transient GroupService groups;
  @Inject transient RepositoryService repositories;
  @Inject transient io.sendense.webapp.copy.PolicyService policies;
  @Inject transient SecurityContext security;
  @Inject transient RetentionService retentionService;
  @Inject transient io.sendense.webapp.node.NodeService nodes;

  private Long editingId;
  private String name;
  private String targetType = "group";
  private Long targetVmId;
  private Long targetGroupId;
  private Long repositoryId;
  private Long policyId;
  private Long nodeId;
  private String timeZone = ZoneId.systemDefault().getId();
  private boolean enabled = true;
  private RetentionForm retention = new RetentionForm();
  private ScheduleBuilder schedule = new ScheduleBuilder();

  public void startCreate() {
    editingId = null;
    name = null;
    targetType = "group";
    targetVmId = null;
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
    editingId = row.id();
    name = row.name();
    targetType = row.targetType();
    targetVmId = row.targetType().equals("vm") ? row.targetId() : null;
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
            vm ? targetVmId : null,
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

  public List<VmDto> getVms() {
    return vms.search(null, null, null, false);
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
    return nodes.list().stream().filter(n -> !"REVOKED".equals(n.state())).toList();
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

  public Long getTargetVmId() {
    return targetVmId;
  }

  public void setTargetVmId(Long targetVmId) {
    this.targetVmId = targetVmId;
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
}
