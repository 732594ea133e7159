package io.sendense.webapp.source;

import io.sendense.plugin.api.ConfigField;
import io.sendense.plugin.api.source.SourceConnectionTest;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.plugin.PluginHost;
import io.sendense.webapp.shell.Messages;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Sources page: vCenters with Test Connection, certificate trust and Discover Now. */
@Named
@ViewScoped
public class SourceListView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient SourceService sources;
  @Inject transient PluginHost plugins;

  private List<SourceDto> rows;
  private Long editingId;
  private String name;
  private Map<String, String> values = new LinkedHashMap<>();
  private Long untrustedId;
  private String untrustedThumbprint;

  public List<SourceDto> getRows() {
    if (rows == null) {
      rows = sources.list();
    }
    return rows;
  }

  public List<ConfigField> getFields() {
    return plugins
        .sourceType(SourceService.DEFAULT_TYPE)
        .map(t -> t.configForm().fields())
        .orElse(List.of());
  }

  public void startCreate() {
    editingId = null;
    name = null;
    values = new LinkedHashMap<>();
  }

  public void startEdit(SourceDto row) {
    editingId = row.id();
    name = row.name();
    values = new LinkedHashMap<>(row.config());
  }

  public void save() {
    try {
      SourceRequest request = new SourceRequest(name, null, Map.copyOf(values));
      SourceDto saved =
          editingId == null ? sources.create(request) : sources.update(editingId, request);
      rows = null;
      Messages.info("Saved source " + saved.name(), "Test the connection, then discover its VMs");
    } catch (Refusal e) {
      Messages.error("Not saved", e.getMessage());
      FacesContext.getCurrentInstance().validationFailed();
    }
  }

  public void test(SourceDto row) {
    SourceConnectionTest test;
    try {
      test = sources.test(row.id());
    } catch (Refusal e) {
      Messages.error("Not tested", e.getMessage());
      return;
    }
    untrustedId = null;
    if (test.result().successful()) {
      Messages.info("Connection to " + row.name() + " works", test.result().message());
      return;
    }
    Messages.error(
        "Connection to " + row.name() + " failed (" + test.result().failure() + ")",
        test.result().message());
    if (test.certificate().isPresent()) {
      untrustedId = row.id();
      untrustedThumbprint = test.certificate().get();
    }
  }

  public void trust() {
    try {
      sources.trustCertificate(untrustedId, untrustedThumbprint);
      Messages.info("Certificate trusted", untrustedThumbprint);
      untrustedId = null;
      rows = null;
    } catch (Refusal e) {
      Messages.error("Not trusted", e.getMessage());
    }
  }

  public void discover(SourceDto row) {
    try {
      SourceDto done = sources.discover(row.id());
      Messages.info("Discovered " + done.name(), done.lastDiscoveryMessage());
    } catch (Refusal e) {
      Messages.error("Discovery failed", e.getMessage());
    }
    rows = null;
  }

  public void delete(SourceDto row) {
    try {
      sources.delete(row.id());
      rows = null;
      Messages.info("Deleted source " + row.name(), null);
    } catch (Refusal e) {
      Messages.error("Not deleted", e.getMessage());
    }
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

  public Map<String, String> getValues() {
    return values;
  }

  public Long getUntrustedId() {
    return untrustedId;
  }

  public String getUntrustedThumbprint() {
    return untrustedThumbprint;
  }
}
