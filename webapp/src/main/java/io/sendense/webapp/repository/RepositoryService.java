package io.sendense.webapp.repository;

import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.plugin.api.ConfigProblem;
import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.ConnectionTestResult;
import io.sendense.plugin.api.repository.Capacity;
import io.sendense.plugin.api.repository.RepositoryStorage;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.webapp.plugin.PluginHost;
import io.sendense.webapp.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Repositories: validated through their storage type's plugin, secrets encrypted at rest. */
@ApplicationScoped
@Transactional
public class RepositoryService {
  @Inject RepositoryStore store;
  @Inject PluginHost plugins;
  @Inject Secrets secrets;

  public List<RepositoryDto> list() {
    return store.all().stream().map(this::toDto).toList();
  }

  public RepositoryDto get(long id) {
    return toDto(find(id));
  }

  public RepositoryDto create(RepositoryRequest request) {
    String name = checkedName(request.name());
    if (store.byName(name).isPresent()) {
      throw new RepositoryException(409, "A repository named '" + name + "' already exists");
    }
    RepositoryStorageType type = type(request.type());
    Configuration config = validated(type, request.config(), Map.of());
    Repository repository = new Repository();
    repository.setName(name);
    repository.setType(type.typeId());
    repository.setEnabled(request.enabled() == null || request.enabled());
    repository.setConfigJson(RepositoryConfigCodec.publicJson(type.configForm(), config));
    store.save(repository);
    repository.setSecretCiphertext(
        RepositoryConfigCodec.sealedSecrets(
            type.configForm(), config, secrets.cipher(), repository.getId()));
    refresh(repository);
    return toDto(repository);
  }

  public RepositoryDto update(long id, RepositoryRequest request) {
    Repository repository = find(id);
    if (request.name() != null && !request.name().equals(repository.getName())) {
      String name = checkedName(request.name());
      if (store.byName(name).isPresent()) {
        throw new RepositoryException(409, "A repository named '" + name + "' already exists");
      }
      repository.setName(name);
    }
    if (request.type() != null && !request.type().equals(repository.getType())) {
      throw new RepositoryException(400, "The type of a repository cannot change");
    }
    RepositoryStorageType type = type(repository.getType());
    if (request.config() != null) {
      Configuration config = validated(type, request.config(), configuration(repository).asMap());
      repository.setConfigJson(RepositoryConfigCodec.publicJson(type.configForm(), config));
      repository.setSecretCiphertext(
          RepositoryConfigCodec.sealedSecrets(type.configForm(), config, secrets.cipher(), id));
    }
    if (request.enabled() != null) {
      repository.setEnabled(request.enabled());
    }
    refresh(repository);
    return toDto(repository);
  }

  public void delete(long id) {
    Repository repository = find(id);
    long points = store.restorePointCount(repository);
    if (points > 0) {
      throw new RepositoryException(
          409,
          "Repository '"
              + repository.getName()
              + "' still holds "
              + points
              + " restore point(s); delete or move them first");
    }
    long flows = store.flowCount(repository);
    if (flows > 0) {
      throw new RepositoryException(
          409,
          flows
              + " protection flow(s) write to '"
              + repository.getName()
              + "'; point them at another repository first");
    }
    store.delete(repository);
  }

  /** Tests an unsaved configuration, or a stored one when {@code existingId} is given. */
  public ConnectionTestResult test(RepositoryRequest request, Long existingId) {
    RepositoryStorageType type;
    Configuration config;
    if (existingId != null) {
      Repository repository = find(existingId);
      type = type(repository.getType());
      Map<String, String> stored = configuration(repository).asMap();
      config = validated(type, request.config() == null ? stored : request.config(), stored);
    } else {
      type = type(request.type());
      config = validated(type, request.config(), Map.of());
    }
    return type.testConnection(plugins.contextFor(type.typeId(), config));
  }

  /** Re-reads capacity of every enabled repository; returns them with their new status. */
  public List<RepositoryDto> refreshAll() {
    return store.all().stream()
        .peek(
            r -> {
              if (r.isEnabled()) {
                refresh(r);
              }
            })
        .map(this::toDto)
        .toList();
  }

  public RepositoryDto refreshOne(long id) {
    Repository repository = find(id);
    refresh(repository);
    return toDto(repository);
  }

  private void refresh(Repository repository) {
    repository.setCapacityCheckedAt(Instant.now());
    try {
      RepositoryStorageType type = type(repository.getType());
      try (RepositoryStorage storage =
          type.open(plugins.contextFor(type.typeId(), configuration(repository)))) {
        Capacity capacity = storage.capacity();
        repository.setCapacityTotalBytes(capacity.totalBytes());
        repository.setCapacityUsedBytes(capacity.usedBytes());
        repository.setCapacityFreeBytes(capacity.freeBytes());
        repository.setStatus("OK");
        repository.setStatusMessage(null);
      }
    } catch (Exception e) {
      repository.setStatus("ERROR");
      repository.setStatusMessage(String.valueOf(e.getMessage()));
    }
  }

  private Configuration validated(
      RepositoryStorageType type, Map<String, String> given, Map<String, String> stored) {
    Map<String, String> values = new LinkedHashMap<>(given == null ? Map.of() : given);
    values.values().removeIf(v -> v == null);
    for (String secret : type.configForm().secretFieldNames()) {
      if (values.getOrDefault(secret, "").isBlank() && stored.containsKey(secret)) {
        values.put(secret, stored.get(secret));
      }
    }
    Configuration config = type.configForm().withDefaults(Configuration.of(values));
    List<ConfigProblem> problems = type.validate(config);
    if (!problems.isEmpty()) {
      throw new RepositoryException(
          400, problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
    }
    return config;
  }

  Configuration configuration(Repository r) {
    return RepositoryConfigCodec.open(
        r.getConfigJson(), r.getSecretCiphertext(), secrets.cipher(), r.getId());
  }

  private RepositoryStorageType type(String typeId) {
    if (typeId == null || typeId.isBlank()) {
      throw new RepositoryException(400, "type is required (see GET /api/v1/repository-types)");
    }
    return plugins
        .storageType(typeId)
        .orElseThrow(
            () ->
                new RepositoryException(
                    400,
                    "No storage type '"
                        + typeId
                        + "' is installed; installed: "
                        + plugins.storageTypes().stream()
                            .map(RepositoryStorageType::typeId)
                            .toList()));
  }

  private Repository find(long id) {
    return store
        .byId(id)
        .orElseThrow(() -> new RepositoryException(404, "No repository with id " + id));
  }

  private static String checkedName(String name) {
    if (name == null || name.isBlank() || name.strip().length() > 128) {
      throw new RepositoryException(400, "name must have 1 to 128 characters");
    }
    return name.strip();
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
        RepositoryConfigCodec.parse(r.getConfigJson()),
        r.isEnabled(),
        r.getStatus(),
        r.getStatusMessage(),
        r.getCapacityTotalBytes(),
        r.getCapacityUsedBytes(),
        r.getCapacityFreeBytes(),
        r.getCapacityCheckedAt(),
        store.restorePointCount(r));
  }
}
