package io.sendense.plugins.repocifs;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.Capacity;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.testkit.DiskFree;
import io.sendense.plugin.testkit.PeerControl;
import io.sendense.plugin.testkit.PeerProcess;
import io.sendense.plugin.testkit.RepositoryStorageContract;
import io.sendense.plugin.testkit.SambaServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the repository contract against a private Samba smbd on loopback. */
class CifsRepositoryIT extends RepositoryStorageContract {

  @RegisterExtension static final SambaServer SAMBA = new SambaServer();

  @Override
  public RepositoryStorageType storageType() {
    return new CifsStorageType();
  }

  @Override
  public Configuration configuration() {
    return config("backup", SambaServer.PASSWORD, SAMBA.port());
  }

  private static Configuration config(String share, String password, int port) {
    return Configuration.of(
        Map.of(
            CifsStorageType.HOST,
            "127.0.0.1",
            CifsStorageType.PORT,
            Integer.toString(port),
            CifsStorageType.SHARE,
            share,
            CifsStorageType.USERNAME,
            SambaServer.USER,
            CifsStorageType.PASSWORD,
            password));
  }

  @Override
  public Capacity backingCapacity() throws Exception {
    return DiskFree.of(SAMBA.shareFolder());
  }

  @Override
  public Map<FailureKind, Configuration> failingConfigurations() {
    try {
      return Map.of(
          FailureKind.HOST_UNREACHABLE,
          config("backup", SambaServer.PASSWORD, PeerProcess.freePort()),
          FailureKind.SHARE_NOT_FOUND,
          config("no-such-share", SambaServer.PASSWORD, SAMBA.port()),
          FailureKind.ACCESS_DENIED,
          config("backup", "wrong-password", SAMBA.port()),
          FailureKind.NOT_WRITABLE,
          config("readonly", SambaServer.PASSWORD, SAMBA.port()),
          FailureKind.PATH_NOT_FOUND,
          configuration().with(CifsStorageType.PATH, "no/such/folder"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @org.junit.jupiter.api.Test
  void signedAndEncryptedSessionsReachTheShare() {
    var signed = storageType().testConnection(context(configuration()));
    org.junit.jupiter.api.Assertions.assertTrue(signed.successful(), signed.message());
    var encrypted =
        storageType()
            .testConnection(context(configuration().with(CifsStorageType.ENCRYPTION, "true")));
    org.junit.jupiter.api.Assertions.assertTrue(encrypted.successful(), encrypted.message());
  }

  @Override
  public Optional<PeerControl> peerControl() {
    return Optional.of(SAMBA);
  }
}
