package io.sendense.plugins.repolocal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.ConnectionTestResult;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.Capacity;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.testkit.DiskFree;
import io.sendense.plugin.testkit.RepositoryStorageContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
  void testConnectionReportsNotWritableForAFolderTheHubCannotWriteTo() throws Exception {
    Path locked = Files.createDirectory(root.resolve("locked"));
    Runnable unlock = lock(locked);
    try {
      ConnectionTestResult result =
          storageType()
              .testConnection(
                  context(Configuration.of(Map.of(LocalStorageType.PATH, locked.toString()))));
      assertEquals(FailureKind.NOT_WRITABLE, result.failure(), result.message());
      assertEquals(
          "Folder " + locked + " is not writable by the hub's user; fix its permissions",
          result.message());
    } finally {
      unlock.run();
    }
  }

  /**
   * Makes {@code folder} unwritable for this process, by the first way that works here: without
   * root, permissions; as root (which ignores them), the immutable attribute, else a read-only
   * tmpfs mounted over it. Fails (never skips) when none works, naming what was tried.
   */
  private static Runnable lock(Path folder) throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
      return () -> run("chmod", "u+w", folder.toString());
    }
    if (run("chattr", "+i", folder.toString())) {
      return () -> run("chattr", "-i", folder.toString());
    }
    if (run("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", folder.toString())) {
      return () -> run("umount", folder.toString());
    }
    throw new AssertionError(
        "cannot make "
            + folder
            + " unwritable for root here: chattr +i and a read-only mount"
            + " were refused");
  }

  private static boolean run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public Map<FailureKind, Configuration> failingConfigurations() {
    return Map.of(
        FailureKind.PATH_NOT_FOUND,
        Configuration.of(Map.of(LocalStorageType.PATH, root.resolve("missing").toString())));
  }
}
