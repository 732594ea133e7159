package io.sendense.webapp.notification;

import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.shell.Messages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings > Notifications, the channels part: list, add, edit, delete and "Send test". The secret
 * field is write-only: it is never filled from the catalog, and left blank it keeps the stored one.
 */
@Named
@ViewScoped
public class NotificationSettingsView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient NotificationService notifications;
  @Inject transient NotificationTester tester;
  @Inject transient AuditService audit;
  @Inject transient SecurityContext security;

  private List<ChannelDto> channels;
  private Long editingId;
  private String name;
  private String kind = "EMAIL";
  private boolean enabled = true;
  private String secret;
  private Map<String, String> config = new HashMap<>();

  public List<ChannelDto> getChannels() {
    if (channels == null) {
      channels = notifications.channels();
    }
    return channels;
  }

  public void startCreate() {
    editingId = null;
    name = null;
    kind = "EMAIL";
    enabled = true;
    secret = null;
    config = new HashMap<>(Map.of("port", "587", "security", "STARTTLS"));
  }

  public void startEdit(ChannelDto c) {
    editingId = c.id();
    name = c.name();
    kind = c.kind();
    enabled = c.enabled();
    secret = null;
    config = new HashMap<>(c.config());
  }

  public void save() {
    ChannelRequest request =
        new ChannelRequest(name, kind, Map.copyOf(nonBlank()), secret, enabled);
    try {
      ChannelDto saved =
          editingId == null
              ? notifications.create(request)
              : notifications.update(editingId, request);
      record(
          editingId == null ? "notification.channel.create" : "notification.channel.update",
          saved.name(),
          AuditService.SUCCESS,
          null);
      Messages.info("Channel saved", saved.name());
      channels = null;
      secret = null;
    } catch (Refusal e) {
      Messages.error("Channel not saved", e.getMessage());
      jakarta.faces.context.FacesContext.getCurrentInstance().validationFailed();
    }
  }

  public void delete(ChannelDto c) {
    try {
      notifications.delete(c.id());
      record("notification.channel.delete", c.name(), AuditService.SUCCESS, null);
      Messages.info("Channel deleted", c.name());
      channels = null;
    } catch (Refusal e) {
      Messages.error("Channel not deleted", e.getMessage());
    }
  }

  public void sendTest(ChannelDto c) {
    try {
      NotificationTester.TestResult result = tester.sendTest(c.id(), user());
      record(
          "notification.channel.test",
          c.name(),
          result.sent() ? AuditService.SUCCESS : AuditService.FAILURE,
          result.detail());
      if (result.sent()) {
        Messages.info("Test sent to " + c.name(), result.detail());
      } else {
        Messages.error("Test to " + c.name() + " failed", result.detail());
      }
    } catch (Refusal e) {
      Messages.error("Test not sent", e.getMessage());
    }
  }

  /** Where a channel sends, for the table. */
  public String target(ChannelDto c) {
    Map<String, String> v = c.config();
    return "EMAIL".equals(c.kind())
        ? v.get("to")
            + " via "
            + v.get("host")
            + ":"
            + v.get("port")
            + " ("
            + v.get("security")
            + ")"
        : v.get("url");
  }

  private Map<String, String> nonBlank() {
    Map<String, String> out = new HashMap<>();
    config.forEach(
        (k, v) -> {
          if (v != null && !v.isBlank()) {
            out.put(k, v.strip());
          }
        });
    return out;
  }

  private void record(String action, String target, String outcome, String detail) {
    audit.record(user(), action, target, outcome, null, detail);
  }

  private String user() {
    return security.getCallerPrincipal().getName();
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

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }

  public Map<String, String> getConfig() {
    return config;
  }
}
