package io.sendense.plugins.repolocal;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.Capacity;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.testkit.DiskFree;
import io.sendense.plugin.testkit.RepositoryStorageContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Runs the repository contract against a folder of the local file system. */
class LocalRepositoryIT extends RepositoryStorageContract {

  @TempDir Path root;

  @Override
  public RepositoryStorageType storageType() {
    return new LocalStorageType();
  }

  @Override
  public Configuration configuration() {
    return Configuration.of(Map.of(LocalStorageType.PATH, root.toString()));
  }

  @Override
  public Capacity backingCapacity() throws Exception {
    return DiskFree.of(root);
  }

  @Override
  public Map<FailureKind, Configuration> failingConfigurations() {
    return Map.of(
        FailureKind.PATH_NOT_FOUND,
        Configuration.of(Map.of(LocalStorageType.PATH, root.resolve("missing").toString())));
  }
}
