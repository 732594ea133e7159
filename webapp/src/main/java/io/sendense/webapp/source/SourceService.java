package io.sendense.webapp.source;

import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.Vm;
import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.source.HypervisorSourceType;
import io.sendense.plugin.api.source.SourceConnectionTest;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.plugin.ConfigCodec;
import io.sendense.webapp.plugin.ConfigValidation;
import io.sendense.webapp.plugin.PluginHost;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Hypervisor sources: validated by their plugin, password encrypted, discovery into the catalog.
 */
@ApplicationScoped
@Transactional
public class SourceService {
  static final String DEFAULT_TYPE = "vmware";

  @Inject Clock clock;
  @Inject SourceStore store;
  @Inject PluginHost plugins;
  @Inject Secrets secrets;
  @Inject Event<SourcesChanged> changed;

  public List<SourceDto> list() {
    return store.all().stream().map(this::toDto).toList();
  }

  public SourceDto get(long id) {
    return toDto(find(id));
  }

  @RequiresRole(value = Roles.ADMIN, action = "add sources")
  public SourceDto create(SourceRequest request) {
    HypervisorSourceType type = type(request.type());
    String name = Fields.name(request.name());
    if (store.byName(name).isPresent()) {
      throw new Refusal(409, "A source named '" + name + "' already exists");
    }
    Configuration config = ConfigValidation.validated(type, request.config(), Map.of());
    Source source = new Source();
    source.setName(name);
    source.setPluginId(type.typeId());
    apply(source, type, config);
    store.save(source);
    seal(source, type, config);
    changed.fire(new SourcesChanged());
    return toDto(source);
  }

  @RequiresRole(value = Roles.ADMIN, action = "change sources")
  public SourceDto update(long id, SourceRequest request) {
    Source source = find(id);
    HypervisorSourceType type = type(source.getPluginId());
    if (request.name() != null && !request.name().strip().equals(source.getName())) {
      String name = Fields.name(request.name());
      if (store.byName(name).isPresent()) {
        throw new Refusal(409, "A source named '" + name + "' already exists");
      }
      source.setName(name);
    }
    if (request.config() != null) {
      Configuration config =
          ConfigValidation.validated(type, request.config(), configuration(source).asMap());
      apply(source, type, config);
      seal(source, type, config);
    }
    return toDto(source);
  }

  /** Trusts a certificate the admin confirmed after a Test Connection showed it. */
  @RequiresRole(value = Roles.ADMIN, action = "trust certificates")
  public SourceDto trustCertificate(long id, String sha256) {
    Source source = find(id);
    if (sha256 == null || !sha256.matches("[0-9a-fA-F:]{64,95}")) {
      throw new Refusal(400, "thumbprint must be the certificate's SHA-256 in hex");
    }
    Map<String, String> values = new java.util.LinkedHashMap<>(configuration(source).asMap());
    values.put("certificateMode", "pinned");
    values.put("thumbprint", sha256.replace(":", "").toLowerCase());
    return update(id, new SourceRequest(null, null, values));
  }

  @RequiresRole(value = Roles.ADMIN, action = "delete sources")
  public void delete(long id) {
    Source source = find(id);
    long points = store.restorePointCount(source);
    if (points > 0) {
      throw new Refusal(
          409,
          "Source '"
              + source.getName()
              + "' has VMs with "
              + points
              + " restore point(s); they outlive the source, so it cannot be deleted."
              + " Disable it instead.");
    }
    store.deleteVmsOf(source);
    store.delete(source);
    changed.fire(new SourcesChanged());
  }

  @RequiresRole(value = Roles.ADMIN, action = "test sources")
  public SourceConnectionTest test(long id) {
    Source source = find(id);
    HypervisorSourceType type = type(source.getPluginId());
    return type.testConnection(plugins.contextFor(type.typeId(), configuration(source)));
  }

  @RequiresRole(value = Roles.ADMIN, action = "test sources")
  public SourceConnectionTest testNew(SourceRequest request) {
    HypervisorSourceType type = type(request.type());
    Configuration config = ConfigValidation.validated(type, request.config(), Map.of());
    return type.testConnection(plugins.contextFor(type.typeId(), config));
  }

  /** Reads the source's inventory into the catalog; the outcome is kept on the source. */
  @Transactional(dontRollbackOn = Refusal.class)
  @RequiresRole(value = Roles.OPERATOR, action = "discover sources")
  public SourceDto discover(long id) {
    Source source = find(id);
    HypervisorSourceType type = type(source.getPluginId());
    source.setLastDiscoveryAt(clock.instant());
    try (SourceSession session =
        type.open(plugins.contextFor(type.typeId(), configuration(source)))) {
      Discovery.Result result =
          Discovery.apply(store, source, session.inventory(), clock.instant());
      source.setLastDiscoveryStatus("SUCCESS");
      source.setLastDiscoveryMessage(result.summary());
      changed.fire(new SourcesChanged());
    } catch (Exception e) {
      source.setLastDiscoveryStatus("FAILED");
      source.setLastDiscoveryMessage(String.valueOf(e.getMessage()));
      throw new Refusal(502, "Discovery of '" + source.getName() + "' failed: " + e.getMessage());
    }
    return toDto(source);
  }

  private void apply(Source source, HypervisorSourceType type, Configuration config) {
    String host = config.get("host").orElse("");
    int port = (int) config.getLong("port", 443);
    store
        .byEndpoint(host, port)
        .filter(other -> !other.getId().equals(source.getId()))
        .ifPresent(
            other -> {
              throw new Refusal(
                  409, host + ":" + port + " is already the source '" + other.getName() + "'");
            });
    source.setHost(host);
    source.setPort(port);
    source.setUsername(config.get("username").orElse(""));
    source.setTlsMode(config.get("certificateMode").orElse("pinned").toUpperCase());
    source.setTlsThumbprint(config.get("thumbprint").orElse(null));
    source.setConfigJson(ConfigCodec.publicJson(type.configForm(), config));
  }

  private void seal(Source source, HypervisorSourceType type, Configuration config) {
    source.setSecretCiphertext(
        ConfigCodec.sealedSecrets(
            type.configForm(), config, secrets.cipher(), secretContext(source.getId())));
  }

  /** A logged-in session on the source of {@code vm}; the caller closes it. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public SourceSession openSessionFor(Vm vm) throws SourceException {
    return openSession(vm.getSource());
  }

  /** A logged-in session on source {@code id} (to restore into it); the caller closes it. */
  @Transactional
  public SourceSession openSession(long id) throws SourceException {
    return openSession(
        store
            .byId(id)
            .orElseThrow(
                () ->
                    new SourceException(
                        io.sendense.plugin.api.source.SourceProblem.NOT_FOUND,
                        "No source with id " + id)));
  }

  private SourceSession openSession(Source source) throws SourceException {
    if (!source.isEnabled()) {
      throw new SourceException(
          io.sendense.plugin.api.source.SourceProblem.NOT_FOUND,
          "Source '" + source.getName() + "' is disabled; enable it to use it");
    }
    HypervisorSourceType type = type(source.getPluginId());
    return type.open(plugins.contextFor(type.typeId(), configuration(source)));
  }

  /**
   * A source's plugin type and full configuration, secrets decrypted, for the node that runs its
   * backups (handed over only on the node's mutual-TLS connection, never shown).
   */
  public io.sendense.batch.wire.WorkItem.Extension forNode(Source s) {
    String type =
        s.getPluginId() == null || s.getPluginId().isBlank() ? DEFAULT_TYPE : s.getPluginId();
    return new io.sendense.batch.wire.WorkItem.Extension(
        type, s.getName(), configuration(s).asMap());
  }

  Configuration configuration(Source s) {
    return ConfigCodec.open(
        s.getConfigJson(), s.getSecretCiphertext(), secrets.cipher(), secretContext(s.getId()));
  }

  private static String secretContext(long id) {
    return "source/" + id + "/secrets";
  }

  private HypervisorSourceType type(String typeId) {
    String id = typeId == null || typeId.isBlank() ? DEFAULT_TYPE : typeId;
    return plugins
        .sourceType(id)
        .orElseThrow(() -> new Refusal(400, "No source type '" + id + "' is installed"));
  }

  private Source find(long id) {
    return store.byId(id).orElseThrow(() -> new Refusal(404, "No source with id " + id));
  }

  private SourceDto toDto(Source s) {
    return new SourceDto(
        s.getId(),
        s.getName(),
        s.getPluginId(),
        s.getHost(),
        s.getPort(),
        s.getUsername(),
        ConfigCodec.parse(s.getConfigJson()),
        s.isEnabled(),
        s.getLastDiscoveryAt(),
        s.getLastDiscoveryStatus(),
        s.getLastDiscoveryMessage(),
        store.vmCount(s),
        s.getNode() == null ? null : s.getNode().getId(),
        s.getNode() == null ? null : s.getNode().getName());
  }
}
