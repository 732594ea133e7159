package io.sendense.webapp.repository;

import io.sendense.plugin.api.ConfigField;
import io.sendense.plugin.api.ConnectionTestResult;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.plugin.PluginHost;
import io.sendense.webapp.shell.Messages;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Repositories page: list with capacity, and the create/edit form built from the plugin. */
@Named
@ViewScoped
public class RepositoryListView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient RepositoryService repositories;
  @Inject transient PluginHost plugins;

  private List<RepositoryDto> rows;
  private Long editingId;
  private String name;
  private String type;
  private Map<String, String> values = new LinkedHashMap<>();
  private Integer immutableDays = 0;
  private boolean encrypt;
  private Long nodeId;
  private Long savedNodeId;
  private String shownPassphrase;
  private String shownRepository;

  public List<RepositoryDto> getRows() {
    if (rows == null) {
      rows = repositories.list();
    }
    return rows;
  }

  public List<TypeOption> getTypes() {
    return plugins.storageTypes().stream()
        .map(t -> new TypeOption(t.typeId(), t.displayName()))
        .toList();
  }

  /** The fields of the chosen type's form, as the plugin describes them. */
  public List<ConfigField> getFields() {
    return type == null
        ? List.of()
        : plugins.storageType(type).map(t -> t.configForm().fields()).orElse(List.of());
  }

  public String getTypeDescription() {
    return type == null
        ? ""
        : plugins.storageType(type).map(RepositoryStorageType::description).orElse("");
  }

  /** The nodes a repository can be placed on (revoked ones are not). */
  public List<io.sendense.persistence.node.Node> getNodes() {
    return repositories.placeableNodes();
  }

  public Long getNodeId() {
    return nodeId;
  }

  public void setNodeId(Long nodeId) {
    this.nodeId = nodeId;
  }

  public void startCreate() {
    editingId = null;
    name = null;
    type = getTypes().isEmpty() ? null : getTypes().get(0).id();
    values = new LinkedHashMap<>();
    immutableDays = 0;
    encrypt = false;
    nodeId = null;
    savedNodeId = null;
  }

  public void startEdit(RepositoryDto row) {
    editingId = row.id();
    name = row.name();
    type = row.type();
    values = new LinkedHashMap<>(row.config());
    immutableDays = row.immutableDays();
    encrypt = row.encrypted();
    nodeId = row.nodeId();
    savedNodeId = row.nodeId();
  }

  /** Shows an encrypted repository's passphrase in the one-time dialog (admin, audited). */
  public void exportPassphrase(RepositoryDto row) {
    ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
    String remote = ((HttpServletRequest) ec.getRequest()).getRemoteAddr();
    try {
      shownPassphrase = repositories.exportPassphrase(row.id(), ec.getRemoteUser(), remote);
      shownRepository = row.name();
      rows = null;
    } catch (Refusal e) {
      shownPassphrase = null;
      Messages.error("Not exported", e.getMessage());
      FacesContext.getCurrentInstance().validationFailed();
    }
  }

  /** Forgets the shown passphrase when its dialog closes. */
  public void closePassphrase() {
    shownPassphrase = null;
    shownRepository = null;
  }

  public String getShownPassphrase() {
    return shownPassphrase;
  }

  public String getShownRepository() {
    return shownRepository;
  }

  public String getExportInstructions() {
    return RepositoryService.EXPORT_INSTRUCTIONS;
  }

  public boolean isEncrypt() {
    return encrypt;
  }

  public void setEncrypt(boolean encrypt) {
    this.encrypt = encrypt;
  }

  public void typeChanged() {
    values = new LinkedHashMap<>();
  }

  public void save() {
    RepositoryRequest request =
        new RepositoryRequest(
            name,
            type,
            Map.copyOf(nonNull()),
            null,
            editingId == null ? encrypt : null,
            immutableDays == null ? 0 : immutableDays);
    try {
      boolean moved = !java.util.Objects.equals(nodeId, savedNodeId);
      if (editingId != null && moved) {
        repositories.place(editingId, nodeId); // refused while a flow on another node uses it
      }
      RepositoryDto saved =
          editingId == null
              ? repositories.create(request)
              : repositories.update(editingId, request);
      if (editingId == null && nodeId != null) {
        saved = repositories.place(saved.id(), nodeId);
      }
      rows = null;
      Messages.info("Saved repository " + saved.name(), "Status: " + saved.status());
    } catch (Refusal e) {
      Messages.error("Not saved", e.getMessage());
      FacesContext.getCurrentInstance().validationFailed();
    }
  }

  public void testConnection() {
    try {
      ConnectionTestResult result =
          repositories.test(
              new RepositoryRequest(name, type, nonNull(), null, null, null), editingId);
      if (result.successful()) {
        Messages.info("Connection works", result.message());
      } else {
        Messages.error("Connection failed (" + result.failure() + ")", result.message());
      }
    } catch (Refusal e) {
      Messages.error("Cannot test", e.getMessage());
    }
  }

  public void delete(RepositoryDto row) {
    try {
      repositories.delete(row.id());
      rows = null;
      Messages.info("Deleted repository " + row.name(), null);
    } catch (Refusal e) {
      Messages.error("Not deleted", e.getMessage());
    }
  }

  public void refreshCapacity() {
    try {
      rows = repositories.refreshAll();
      Messages.info("Capacity refreshed", rows.size() + " repositories checked");
    } catch (Refusal e) {
      Messages.error("Not refreshed", e.getMessage());
    }
  }

  private Map<String, String> nonNull() {
    Map<String, String> clean = new LinkedHashMap<>();
    values.forEach((k, v) -> clean.put(k, v == null ? "" : v));
    return clean;
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

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public Integer getImmutableDays() {
    return immutableDays;
  }

  public void setImmutableDays(Integer immutableDays) {
    this.immutableDays = immutableDays;
  }

  /** Whether the chosen type is a local folder, whose files the hub protects itself. */
  public boolean isLocalType() {
    return "local".equals(type);
  }

  public Map<String, String> getValues() {
    return values;
  }

  /** A storage type in the type menu. */
  public record TypeOption(String id, String name) implements Serializable {}
}
