package io.sendense.plugin.testkit;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.PluginContext;
import io.sendense.plugin.api.repository.Capacity;
import io.sendense.plugin.api.repository.RepositoryStorage;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StoragePath;
import java.util.Map;
import java.util.Optional;

/**
 * What the contract tests need from a backend under test. {@link RepositoryStorageContract}
 * implements the per-test parts; a backend's test class supplies the rest.
 */
public interface StorageFixture {

  /** The extension under test, as the plugin ships it. */
  RepositoryStorageType storageType();

  /** A valid configuration pointing at the running peer's repository root. */
  Configuration configuration();

  /** Capacity of the file system that really holds the files, read without the plugin. */
  Capacity backingCapacity() throws Exception;

  /** Configurations that must make "Test connection" fail with exactly the given kind. */
  default Map<FailureKind, Configuration> failingConfigurations() {
    return Map.of();
  }

  /** Control over the peer, if the backend has one that can go away. */
  default Optional<PeerControl> peerControl() {
    return Optional.empty();
  }

  /** The storage opened for the current test. */
  RepositoryStorage storage();

  /** A fresh, empty folder for the current test inside the repository. */
  StoragePath dir();

  /** A context like the hub's for the given configuration (defaults applied). */
  PluginContext context(Configuration configuration);

  /** Opens the storage type with a configuration, in a context like the hub's. */
  RepositoryStorage open(Configuration configuration) throws StorageException;
}
