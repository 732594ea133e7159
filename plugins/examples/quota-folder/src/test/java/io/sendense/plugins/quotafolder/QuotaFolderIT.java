package io.sendense.plugins.quotafolder;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.Capacity;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.testkit.RepositoryStorageContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/** The example plugin passes the same contract suite as the built-in storage types. */
class QuotaFolderIT extends RepositoryStorageContract {

  private static final long QUOTA_MIB = 8 * 1024;

  @TempDir Path base;

  @Override
  public RepositoryStorageType storageType() {
    return new QuotaFolderStorageType();
  }

  @Override
  public Configuration configuration() {
    return Configuration.of(
        Map.of(
            QuotaFolderStorageType.BASE, base.toString(),
            QuotaFolderStorageType.SUB_FOLDER, "repo",
            QuotaFolderStorageType.QUOTA_MIB, Long.toString(QUOTA_MIB)));
  }

  /** The quota is the capacity; usage is the logical size of the files in the sub-folder. */
  @Override
  public Capacity backingCapacity() throws Exception {
    long quota = QUOTA_MIB * 1024 * 1024;
    long used;
    try (Stream<Path> files = Files.walk(base.resolve("repo"))) {
      used = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
    return new Capacity(quota, used, quota - used);
  }

  @Override
  public Map<FailureKind, Configuration> failingConfigurations() {
    return Map.of(
        FailureKind.PATH_NOT_FOUND,
        configuration().with(QuotaFolderStorageType.BASE, base.resolve("missing").toString()));
  }
}
