package io.sendense.plugins.repolocal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.ConnectionTestResult;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.Capacity;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.testkit.DiskFree;
import io.sendense.plugin.testkit.RepositoryStorageContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
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

  @Test
  void testConnectionReportsNotWritableForAnImmutableFolder() throws Exception {
    Path locked = Files.createDirectory(root.resolve("locked"));
    assumeTrue(chattr("+i", locked), "the file system supports immutable folders (chattr +i)");
    try {
      ConnectionTestResult result =
          storageType()
              .testConnection(
                  context(Configuration.of(Map.of(LocalStorageType.PATH, locked.toString()))));
      assertEquals(FailureKind.NOT_WRITABLE, result.failure(), result.message());
    } finally {
      chattr("-i", locked);
    }
  }

  private static boolean chattr(String flag, Path folder) throws Exception {
    Process chattr =
        new ProcessBuilder("chattr", flag, folder.toString()).redirectErrorStream(true).start();
    chattr.getInputStream().readAllBytes();
    return chattr.waitFor() == 0;
  }

  @Override
  public Map<FailureKind, Configuration> failingConfigurations() {
    return Map.of(
        FailureKind.PATH_NOT_FOUND,
        Configuration.of(Map.of(LocalStorageType.PATH, root.resolve("missing").toString())));
  }
}
