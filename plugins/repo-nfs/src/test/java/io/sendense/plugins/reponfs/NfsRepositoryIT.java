package io.sendense.plugins.reponfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.Capacity;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.testkit.DiskFree;
import io.sendense.plugin.testkit.GaneshaServer;
import io.sendense.plugin.testkit.PeerControl;
import io.sendense.plugin.testkit.RepositoryStorageContract;
import io.sendense.plugin.testkit.TestData;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the repository contract against nfs-ganesha over NFSv3, in a private network namespace. */
class NfsRepositoryIT extends RepositoryStorageContract {

  @RegisterExtension static final GaneshaServer GANESHA = new GaneshaServer();

  @Override
  public RepositoryStorageType storageType() {
    return new NfsStorageType();
  }

  @Override
  public Configuration configuration() {
    return config("127.0.0.1", "/export");
  }

  private static Configuration config(String host, String export) {
    return Configuration.of(Map.of(NfsStorageType.HOST, host, NfsStorageType.EXPORT, export));
  }

  @Override
  public Capacity backingCapacity() throws Exception {
    return DiskFree.of(GANESHA.exportFolder());
  }

  @Override
  public Map<FailureKind, Configuration> failingConfigurations() {
    return Map.of(
        FailureKind.HOST_UNREACHABLE,
        config("no-such-host.invalid", "/export"),
        FailureKind.SHARE_NOT_FOUND,
        config("127.0.0.1", "/no-such-export"),
        FailureKind.ACCESS_DENIED,
        configuration()
            .with(NfsStorageType.PATH, GaneshaServer.PRIVATE_FOLDER)
            .with(NfsStorageType.UID, "4242")
            .with(NfsStorageType.GID, "4242"),
        FailureKind.NOT_WRITABLE,
        config("127.0.0.1", "/readonly"),
        FailureKind.PATH_NOT_FOUND,
        configuration().with(NfsStorageType.PATH, "no/such/folder"));
  }

  @Override
  public Optional<PeerControl> peerControl() {
    return Optional.of(GANESHA);
  }

  @Test
  void syncAfterAServerRestartReportsPossibleLossInsteadOfSuccess() throws Exception {
    try (StorageFile file = storage().create(dir().resolve("unstable.bin"))) {
      TestData.write(file, TestData.random(1 << 20, 11), 0);
      long stoppedAt = java.time.Instant.now().getEpochSecond();
      GANESHA.stop();
      // ganesha derives its write verifier from its start time in whole seconds: a restart within
      // the same second keeps the verifier, and no client could tell (a real restart takes longer).
      while (java.time.Instant.now().getEpochSecond() <= stoppedAt) {
        Thread.onSpinWait();
      }
      GANESHA.start();
      StorageException e = assertThrows(StorageException.class, file::sync);
      assertEquals(FailureKind.CONNECTION_LOST, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("restarted"), e.getMessage());
    }
  }
}
