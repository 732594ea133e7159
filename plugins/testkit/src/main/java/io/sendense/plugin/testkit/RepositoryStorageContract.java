package io.sendense.plugin.testkit;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.PluginContext;
import io.sendense.plugin.api.repository.RepositoryStorage;
import io.sendense.plugin.api.repository.StorageEntry;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StoragePath;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every repository storage type must meet, run against a real peer.
 *
 * <p>A backend's integration test extends this class, starts its peer (for example with a JUnit
 * extension) and implements the abstract {@link StorageFixture} methods. Each test gets the storage
 * freshly opened and its own empty folder, which is removed afterwards.
 */
public abstract class RepositoryStorageContract
    implements ReadWriteContract,
        NamespaceContract,
        CapacityContract,
        ConcurrencyContract,
        OutageContract,
        ConnectionTestContract {

  @TempDir private Path scratch;
  private RepositoryStorage storage;
  private StoragePath dir;

  @BeforeEach
  void openStorage() throws StorageException {
    storage = open(configuration());
    dir = StoragePath.of("contract-" + UUID.randomUUID());
    storage.createDirectories(dir);
  }

  @AfterEach
  void closeStorage() throws StorageException {
    try {
      deleteTree(dir);
    } finally {
      storage.close();
    }
  }

  private void deleteTree(StoragePath path) throws StorageException {
    for (StorageEntry entry : storage.list(path)) {
      if (entry.directory()) {
        deleteTree(entry.path());
      } else {
        storage.delete(entry.path());
      }
    }
    storage.delete(path);
  }

  @Override
  public RepositoryStorage storage() {
    return storage;
  }

  @Override
  public StoragePath dir() {
    return dir;
  }

  @Override
  public RepositoryStorage open(Configuration configuration) throws StorageException {
    return storageType().open(context(configuration));
  }

  @Override
  public PluginContext context(Configuration configuration) {
    return TestPluginContext.of(storageType(), configuration, scratch);
  }

  /** The scratch folder handed to the plugin. */
  protected Path scratch() {
    return scratch;
  }
}
