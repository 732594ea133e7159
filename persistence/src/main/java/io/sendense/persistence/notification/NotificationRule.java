package io.sendense.persistence.notification;

import io.sendense.persistence.common.CatalogEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/** Sends one kind of event to one channel: for every flow (no flow id) or for one flow. */
@Entity
@Table(name = "notification_rules")
public class NotificationRule extends CatalogEntity {
  @Column(name = "channel_id", nullable = false)
  private long channelId;

  @Enumerated(EnumType.STRING)
  @Column(name = "event", nullable = false)
  private NotificationEvent event;

  @Column(name = "flow_id")
  private Long flowId;

  @Column(name = "threshold_percent")
  private Integer thresholdPercent;

  @Column(name = "enabled", nullable = false)
  private boolean enabled = true;

  public long getChannelId() {
    return channelId;
  }

  public void setChannelId(long channelId) {
    this.channelId = channelId;
  }

  public NotificationEvent getEvent() {
    return event;
  }

  public void setEvent(NotificationEvent event) {
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

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }
}
