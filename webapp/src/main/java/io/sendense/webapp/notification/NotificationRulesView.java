package io.sendense.webapp.notification;

import io.sendense.persistence.notification.DeliveryRecord;
import io.sendense.persistence.notification.NotificationEvent;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.flow.FlowDto;
import io.sendense.webapp.flow.FlowQueries;
import io.sendense.webapp.shell.Messages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/** Settings > Notifications, the rules part and the delivery log. */
@Named
@ViewScoped
public class NotificationRulesView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient NotificationService notifications;
  @Inject transient FlowQueries flows;
  @Inject transient AuditService audit;
  @Inject transient SecurityContext security;

  private List<RuleDto> rules;
  private Long channelId;
  private String event = NotificationEvent.FAILURE.name();
  private Long flowId;
  private Integer thresholdPercent = 85;

  public List<RuleDto> getRules() {
    if (rules == null) {
      rules = notifications.rules();
    }
    return rules;
  }

  public List<DeliveryRecord> getDeliveries() {
    return notifications.deliveries(null, 50);
  }

  public List<String> getEvents() {
    return Arrays.stream(NotificationEvent.values())
        .filter(e -> e != NotificationEvent.TEST)
        .map(Enum::name)
        .toList();
  }

  public List<FlowDto> getFlows() {
    return flows.list();
  }

  public void add() {
    try {
      RuleDto rule =
          notifications.createRule(
              new RuleRequest(channelId, event, flowId, thresholdPercent, true));
      audited("notification.rule.create", rule.event() + " -> " + rule.channelName());
      Messages.info("Rule added", rule.event() + " to " + rule.channelName());
      rules = null;
    } catch (Refusal e) {
      Messages.error("Rule not added", e.getMessage());
    }
  }

  public void delete(RuleDto rule) {
    try {
      notifications.deleteRule(rule.id());
      audited("notification.rule.delete", rule.event() + " -> " + rule.channelName());
      Messages.info("Rule deleted", rule.event() + " to " + rule.channelName());
      rules = null;
    } catch (Refusal e) {
      Messages.error("Rule not deleted", e.getMessage());
    }
  }

  private void audited(String action, String target) {
    audit.record(
        security.getCallerPrincipal().getName(), action, target, AuditService.SUCCESS, null, null);
  }

  public Long getChannelId() {
    return channelId;
  }

  public void setChannelId(Long channelId) {
    this.channelId = channelId;
  }

  public String getEvent() {
    return event;
  }

  public void setEvent(String event) {
    this.event = event;
  }

  public Long getFlowId() {
    return flowId;
  }

  public void setFlowId(Long flowId) {
    this.flowId = flowId;
  }

  public Integer getThresholdPercent() {
    return thresholdPercent;
  }

  public void setThresholdPercent(Integer thresholdPercent) {
    this.thresholdPercent = thresholdPercent;
  }
}
