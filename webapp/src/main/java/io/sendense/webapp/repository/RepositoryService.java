package io.sendense.webapp.repository;

import io.sendense.batch.host.StorageImageStore;
import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.node.Node;
import io.sendense.persistence.node.NodeStore;
import io.sendense.persistence.node.Placement;
import io.sendense.persistence.repository.CapacitySample;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStatus;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.ConnectionTestResult;
import io.sendense.plugin.api.repository.Capacity;
import io.sendense.plugin.api.repository.RepositoryStorage;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.config.HubSettings;
import io.sendense.webapp.plugin.ConfigCodec;
import io.sendense.webapp.plugin.ConfigValidation;
import io.sendense.webapp.plugin.PluginHost;
import io.sendense.webapp.relay.NodeRelay;
import io.sendense.webapp.relay.RelayedImageStore;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Repositories: validated through their storage type's plugin, secrets encrypted at rest. */
@ApplicationScoped
@Transactional
public class RepositoryService {
  private static final String LOCAL_TYPE = "local";
  private static final String PASSPHRASE_EXPORT = "repository.passphrase-export";

  /** What to do with an exported passphrase (API answer and page). */
  public static final String EXPORT_INSTRUCTIONS =
      "Store this passphrase offline: it is shown only once. Write it to a file without a"
          + " trailing newline (printf '%s' PASSPHRASE > FILE); sendense-image --passphrase-file"
          + " FILE and qemu-img --object secret,id=s,file=FILE then open the repository's points"
          + " without the hub.";

  @Inject Clock clock;
  @Inject RepositoryStore store;
  @Inject PluginHost plugins;
  @Inject Secrets secrets;
  @Inject AuditService audit;
  @Inject NodeStore nodes;
  @Inject FlowStore flows;
  @Inject HubSettings settings;
  @Inject NodeRelay relay;
  @Inject Event<RepositoriesChanged> changed;

  @Inject
  @ConfigProperty(name = "sendense.capacity.hourly-days", defaultValue = "90")
  int hourlyDays;

  public List<RepositoryDto> list() {
    return store.all().stream().map(this::toDto).toList();
  }

  public RepositoryDto get(long id) {
    return toDto(find(id));
  }

  @RequiresRole(value = Roles.ADMIN, action = "create repositories")
  public RepositoryDto create(RepositoryRequest request) {
    String name = Fields.name(request.name());
    if (store.byName(name).isPresent()) {
      throw new Refusal(409, "A repository named '" + name + "' already exists");
    }
    RepositoryStorageType type = type(request.type());
    Configuration config = ConfigValidation.validated(type, request.config(), Map.of());
    Repository repository = new Repository();
    repository.setName(name);
    repository.setType(type.typeId());
    repository.setEnabled(request.enabled() == null || request.enabled());
    repository.setImmutableDays(ImmutableDays.checked(request.immutableDays()));
    repository.setConfigJson(ConfigCodec.publicJson(type.configForm(), config));
    store.save(repository);
    repository.setSecretCiphertext(
        ConfigCodec.sealedSecrets(
            type.configForm(), config, secrets.cipher(), secretContext(repository.getId())));
    if (Boolean.TRUE.equals(request.encrypt())) {
      repository.setEncryptionPassphrase(
          RepositoryKeys.sealNew(secrets.cipher(), repository.getId()));
    }
    refresh(repository);
    return toDto(repository);
  }

  @RequiresRole(value = Roles.ADMIN, action = "change repositories")
  public RepositoryDto update(long id, RepositoryRequest request) {
    Repository repository = find(id);
    if (request.name() != null && !request.name().equals(repository.getName())) {
      String name = Fields.name(request.name());
      if (store.byName(name).isPresent()) {
        throw new Refusal(409, "A repository named '" + name + "' already exists");
      }
      repository.setName(name);
    }
    if (request.type() != null && !request.type().equals(repository.getType())) {
      throw new Refusal(400, "The type of a repository cannot change");
    }
    boolean encrypted = repository.getEncryptionPassphrase() != null;
    if (request.encrypt() != null && request.encrypt() != encrypted) {
      throw new Refusal(
          409,
          "Encryption is chosen when a repository is created and cannot change: its points are "
              + (encrypted ? "encrypted" : "plain")
              + " and stay so. To "
              + (encrypted ? "store plain points" : "encrypt new points")
              + ", add a new repository"
              + (encrypted ? "" : " with encryption")
              + " and point the flows at it (each VM starts there with a full backup)");
    }
    RepositoryStorageType type = type(repository.getType());
    if (request.config() != null) {
      Configuration config =
          ConfigValidation.validated(type, request.config(), configuration(repository).asMap());
      repository.setConfigJson(ConfigCodec.publicJson(type.configForm(), config));
      repository.setSecretCiphertext(
          ConfigCodec.sealedSecrets(
              type.configForm(), config, secrets.cipher(), secretContext(id)));
    }
    if (request.enabled() != null) {
      repository.setEnabled(request.enabled());
    }
    if (request.immutableDays() != null) {
      // Points already written keep their locks; the new setting applies to new points.
      repository.setImmutableDays(ImmutableDays.checked(request.immutableDays()));
    }
    refresh(repository);
    return toDto(repository);
  }

  @RequiresRole(value = Roles.ADMIN, action = "delete repositories")
  public void delete(long id) {
    Repository repository = find(id);
    long points = store.restorePointCount(repository);
    if (points > 0) {
      throw new Refusal(
          409,
          "Repository '"
              + repository.getName()
              + "' still holds "
              + points
              + " restore point(s); delete or move them first");
    }
    long flows = store.flowCount(repository);
    if (flows > 0) {
      throw new Refusal(
          409,
          flows
              + " protection flow(s) write to '"
              + repository.getName()
              + "'; point them at another repository first");
    }
    store.delete(repository);
    changed.fire(new RepositoriesChanged());
  }

  /**
   * Makes a repository reachable only from node {@code nodeId} (its backups run there, see {@link
   * Placement}), or from the hub and every node when it is null. Refused (409) while a flow placed
   * on another node writes to it, or when the node is revoked.
   */
  @RequiresRole(value = Roles.ADMIN, action = "place repositories on nodes")
  public RepositoryDto place(long id, Long nodeId) {
    Repository repository = find(id);
    Node node =
        nodeId == null
            ? null
            : nodes.byId(nodeId).orElseThrow(() -> new Refusal(404, "No node with id " + nodeId));
    Placement.unusable(node)
        .ifPresent(
            why -> {
              throw new Refusal(409, why);
            });
    repository.setNode(node);
    for (ProtectionFlow flow : flows.all()) {
      if (flow.getRepository().getId().equals(repository.getId())) {
        Placement.conflict(flow)
            .ifPresent(
                why -> {
                  throw new Refusal(409, why);
                });
      }
    }
    refresh(repository);
    return toDto(repository);
  }

  /** The nodes a repository can be placed on (not revoked), by name. */
  public List<Node> placeableNodes() {
    return nodes.all().stream().filter(n -> Placement.unusable(n).isEmpty()).toList();
  }

  /** Tests an unsaved configuration, or a stored one when {@code existingId} is given. */
  @RequiresRole(value = Roles.ADMIN, action = "test repository configurations")
  public ConnectionTestResult test(RepositoryRequest request, Long existingId) {
    RepositoryStorageType type;
    Configuration config;
    if (existingId != null) {
      Repository repository = find(existingId);
      type = type(repository.getType());
      Map<String, String> stored = configuration(repository).asMap();
      config =
          ConfigValidation.validated(
              type, request.config() == null ? stored : request.config(), stored);
    } else {
      type = type(request.type());
      config = ConfigValidation.validated(type, request.config(), Map.of());
    }
    return type.testConnection(plugins.contextFor(type.typeId(), config));
  }

  /**
   * Thins the capacity history: the last sample of each hour for {@code
   * sendense.capacity.hourly-days} (default 90, longer than the forecast's 30), the last of each
   * day before that. Returns the rows deleted.
   */
  public int pruneSamples() {
    return store.pruneSamples(clock.instant().minus(Duration.ofDays(Math.max(1, hourlyDays))));
  }

  /** Re-reads capacity of every enabled repository; returns them with their new status. */
  @RequiresRole(value = Roles.OPERATOR, action = "refresh repository capacity")
  public List<RepositoryDto> refreshAll() {
    List<Repository> all = store.all();
    all.stream().filter(Repository::isEnabled).forEach(this::refresh);
    return all.stream().map(this::toDto).toList();
  }

  @RequiresRole(value = Roles.OPERATOR, action = "refresh repository capacity")
  public RepositoryDto refreshOne(long id) {
    Repository repository = find(id);
    refresh(repository);
    return toDto(repository);
  }

  private void refresh(Repository repository) {
    changed.fire(new RepositoriesChanged());
    repository.setCapacityCheckedAt(clock.instant());
    if (repository.getNode() != null) {
      repository.setStatus(RepositoryStatus.UNKNOWN);
      repository.setStatusMessage(
          "Reachable only from node '"
              + repository.getNode().getName()
              + "'; the hub does not check its capacity");
      return;
    }
    try {
      RepositoryStorageType type = type(repository.getType());
      try (RepositoryStorage storage =
          type.open(plugins.contextFor(type.typeId(), configuration(repository)))) {
        Capacity capacity = storage.capacity();
        repository.setCapacityTotalBytes(capacity.totalBytes());
        repository.setCapacityUsedBytes(capacity.usedBytes());
        repository.setCapacityFreeBytes(capacity.freeBytes());
        if (repository.getId() != null) {
          store.addSample(
              new CapacitySample(
                  repository.getId(),
                  repository.getCapacityCheckedAt(),
                  capacity.totalBytes(),
                  capacity.usedBytes(),
                  capacity.freeBytes()));
        }
        repository.setStatus(RepositoryStatus.OK);
        repository.setStatusMessage(null);
      }
    } catch (Exception e) {
      repository.setStatus(RepositoryStatus.ERROR);
      repository.setStatusMessage(String.valueOf(e.getMessage()));
    }
  }

  /**
   * Opens a repository's files for one backup job, restore session or delete, as an image store;
   * the caller closes it. A local folder is used directly (O_DIRECT writes, folder fsync); every
   * other type through its plugin, one storage session per store. A repository placed on a node is
   * refused: only that node reaches it ({@link Placement#unreachableFromHub}); {@link
   * #openForReading} reads it through the node.
   *
   * @throws IllegalStateException saying what to fix when the repository cannot be used
   */
  public ImageStore openStore(long id) {
    Repository repository = usable(id);
    Placement.unreachableFromHub(repository)
        .ifPresent(
            why -> {
              throw new IllegalStateException(
                  "R"
                      + why.substring(1)
                      + ": the hub reads it through the node but does not write into it; restore"
                      + " the whole VM (it runs on the node), or clear the repository's node if"
                      + " the hub reaches it too");
            });
    return ImageStore.withPassphrase(
        storeOf(repository), RepositoryKeys.open(secrets.cipher(), repository));
  }

  /**
   * Opens a repository's files for reading only (file-level restore, disk downloads, the source of
   * a copy), as {@link #openStore} does; a repository placed on a node is read through that node
   * ({@link NodeRelay}: read-only, decrypted here as the hub's own stores), refused while the node
   * is not online.
   *
   * @throws IllegalStateException saying what to fix when the repository cannot be read
   */
  public ImageStore openForReading(long id) {
    Repository repository = usable(id);
    Node node = Placement.ofLifecycle(repository);
    ImageStore files;
    if (node == null) {
      files = storeOf(repository);
    } else {
      String state = node.state(clock.instant(), settings.nodesOfflineAfter());
      if (!"ONLINE".equals(state)) {
        throw new IllegalStateException(
            "Repository '"
                + repository.getName()
                + "' is reachable from node '"
                + node.getName()
                + "' only, and the hub reads it through that node, which is "
                + switch (state) {
                  case "REVOKED" -> "revoked; place the repository on another node or none";
                  case "NEVER" -> "not connected yet (it never called the hub); start it";
                  default ->
                      "offline since "
                          + node.getLastSeenAt().truncatedTo(ChronoUnit.SECONDS)
                          + "; start the node and try again";
                });
      }
      files =
          new RelayedImageStore(
              relay.client(node.getId(), node.getName(), repository.getId()), repository.getName());
    }
    return ImageStore.withPassphrase(files, RepositoryKeys.open(secrets.cipher(), repository));
  }

  private Repository usable(long id) {
    Repository repository = find(id);
    if (!repository.isEnabled()) {
      throw new IllegalStateException(
          "Repository '" + repository.getName() + "' is disabled; enable it to use it");
    }
    return repository;
  }

  /**
   * Shows an encrypted repository's passphrase, once, for disaster recovery: whoever holds it and
   * the repository's files can open every point with {@code sendense-image --passphrase-file} or
   * qemu-img, without the hub. Records who exported it and when; the next call is refused.
   *
   * @throws Refusal 409 if the repository is not encrypted or its passphrase was already exported
   */
  @RequiresRole(value = Roles.ADMIN, action = "export repository passphrases")
  public String exportPassphrase(long id, String username, String remote) {
    Repository repository = find(id);
    String refused = null;
    if (repository.getEncryptionPassphrase() == null) {
      refused = "Repository '" + repository.getName() + "' does not encrypt its restore points";
    } else if (repository.getPassphraseExportedAt() != null) {
      refused =
          "The passphrase of '"
              + repository.getName()
              + "' was exported on "
              + repository.getPassphraseExportedAt()
              + " by "
              + repository.getPassphraseExportedBy()
              + "; it is shown only once. Ask them for the disaster-recovery copy";
    }
    if (refused != null) {
      audit.record(
          username, PASSPHRASE_EXPORT, repository.getName(), AuditService.FAILURE, remote, refused);
      throw new Refusal(409, refused);
    }
    repository.setPassphraseExportedAt(clock.instant());
    repository.setPassphraseExportedBy(username);
    String passphrase = RepositoryKeys.reveal(secrets.cipher(), repository);
    audit.record(
        username,
        PASSPHRASE_EXPORT,
        repository.getName(),
        AuditService.SUCCESS,
        remote,
        "shown once for disaster recovery");
    return passphrase;
  }

  private ImageStore storeOf(Repository repository) {
    String name = repository.getName();
    if (LOCAL_TYPE.equals(repository.getType())) {
      return localStore(repository);
    }
    RepositoryStorageType type =
        plugins
            .storageType(repository.getType())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Repository '"
                            + name
                            + "' needs storage type '"
                            + repository.getType()
                            + "', which is not installed; install or enable its plugin"));
    try {
      RepositoryStorage storage =
          type.open(plugins.contextFor(type.typeId(), configuration(repository)));
      return new StorageImageStore(storage, name);
    } catch (StorageException e) {
      throw new IllegalStateException(
          "Repository '" + name + "' cannot be opened (" + e.kind() + "): " + e.getMessage(), e);
    }
  }

  /** The folder of a local repository (whose files the hub protects itself), else empty. */
  public Optional<Path> localFolder(long id) {
    Repository repository = find(id);
    if (!LOCAL_TYPE.equals(repository.getType())) {
      return Optional.empty();
    }
    return configuration(repository).get("path").filter(p -> !p.isBlank()).map(Path::of);
  }

  private ImageStore localStore(Repository repository) {
    Path folder = Path.of(configuration(repository).get("path").orElse(""));
    if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
      throw new IllegalStateException(
          "The folder "
              + folder
              + " of repository '"
              + repository.getName()
              + "' is missing or not writable by the hub; mount or create it, then rerun");
    }
    return new LocalImageStore(folder);
  }

  /**
   * A repository's storage type and full configuration, secrets decrypted, for a node that writes
   * into it (handed over only on the node's mutual-TLS connection, never shown).
   */
  public io.sendense.batch.wire.WorkItem.Extension forNode(Repository r) {
    java.util.Map<String, String> config = new java.util.LinkedHashMap<>(configuration(r).asMap());
    if (r.getEncryptionPassphrase() != null) {
      config.put(
          io.sendense.batch.wire.WorkItem.Extension.PASSPHRASE,
          RepositoryKeys.reveal(secrets.cipher(), r));
    }
    return new io.sendense.batch.wire.WorkItem.Extension(r.getType(), r.getName(), config);
  }

  Configuration configuration(Repository r) {
    return ConfigCodec.open(
        r.getConfigJson(), r.getSecretCiphertext(), secrets.cipher(), secretContext(r.getId()));
  }

  private RepositoryStorageType type(String typeId) {
    if (typeId == null || typeId.isBlank()) {
      throw new Refusal(400, "type is required (see GET /api/v1/repository-types)");
    }
    return plugins
        .storageType(typeId)
        .orElseThrow(
            () ->
                new Refusal(
                    400,
                    "No storage type '"
                        + typeId
                        + "' is installed; installed: "
                        + plugins.storageTypes().stream()
                            .map(RepositoryStorageType::typeId)
                            .toList()));
  }

  private static String secretContext(long id) {
    return "repository/" + id + "/secrets";
  }

  private Repository find(long id) {
    return store.byId(id).orElseThrow(() -> new Refusal(404, "No repository with id " + id));
  }

  private RepositoryDto toDto(Repository r) {
    String typeName =
        plugins
            .storageType(r.getType())
            .map(RepositoryStorageType::displayName)
            .orElse(r.getType());
    return new RepositoryDto(
        r.getId(),
        r.getName(),
        r.getType(),
        typeName,
        ConfigCodec.parse(r.getConfigJson()),
        r.isEnabled(),
        r.getStatus(),
        r.getStatusMessage(),
        r.getCapacityTotalBytes(),
        r.getCapacityUsedBytes(),
        r.getCapacityFreeBytes(),
        r.getCapacityCheckedAt(),
        store.restorePointCount(r),
        new RepositoryDto.Encryption(
            r.getEncryptionPassphrase() != null,
            r.getPassphraseExportedAt(),
            r.getPassphraseExportedBy()),
        r.getImmutableDays(),
        LOCAL_TYPE.equals(r.getType()) ? "FILES" : "HUB_ONLY",
        r.getNode() == null ? null : r.getNode().getId(),
        r.getNode() == null ? null : r.getNode().getName());
  }
}
