package io.sendense.plugins.repocifs;

import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.Share;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The SMB connection, session and tree connect of one repository. {@link #share()} hands out the
 * current share and transparently connects again when the previous connection was dropped, so a
 * server restart costs the operations in flight, not the repository.
 */
final class CifsConnection implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 30;

  private final CifsSettings settings;
  private final System.Logger logger;
  private final SMBClient client;
  private DiskShare share;
  private boolean connectedBefore;

  CifsConnection(CifsSettings settings, System.Logger logger) {
    this.settings = settings;
    this.logger = logger;
    this.client =
        new SMBClient(
            SmbConfig.builder()
                .withTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .withSoTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .withSigningEnabled(true)
                .withSigningRequired(settings.requireSigning())
                .withEncryptData(settings.encrypt())
                .build());
  }

  /** The connected share, connecting (again) if needed. */
  synchronized DiskShare share() throws StorageException {
    if (share == null || !share.isConnected()) {
      if (connectedBefore) {
        logger.log(System.Logger.Level.INFO, "Reconnecting to {0}", settings.location());
      }
      share = connect();
      connectedBefore = true;
    }
    return share;
  }

  /** Forgets the current share so that the next {@link #share()} builds a new connection. */
  synchronized void reset(DiskShare broken) {
    if (share == broken) {
      closeQuietly(broken.getTreeConnect().getSession().getConnection());
      share = null;
    }
  }

  private DiskShare connect() throws StorageException {
    Connection connection = openTcp();
    try {
      Share connected = connection.authenticate(authentication()).connectShare(settings.share());
      if (!(connected instanceof DiskShare disk)) {
        throw new StorageException(
            FailureKind.SHARE_NOT_FOUND,
            "Share '" + settings.share() + "' on " + settings.host() + " is not a disk share");
      }
      return disk;
    } catch (SMBApiException e) {
      closeQuietly(connection);
      throw CifsErrors.map(
          "Cannot open share '"
              + settings.share()
              + "' on "
              + settings.host()
              + " as "
              + settings.username(),
          e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw CifsErrors.map("Cannot log in to " + settings.host(), e);
    }
  }

  private Connection openTcp() throws StorageException {
    try {
      return client.connect(settings.host(), settings.port());
    } catch (IOException e) {
      throw new StorageException(
          FailureKind.HOST_UNREACHABLE,
          "Cannot reach SMB server "
              + settings.host()
              + ":"
              + settings.port()
              + " ("
              + e
              + "); check host, port and firewall",
          e);
    }
  }

  private AuthenticationContext authentication() {
    return new AuthenticationContext(
        settings.username(), settings.password().toCharArray(), settings.domain());
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close(true);
    } catch (IOException | RuntimeException e) {
      // The connection is being discarded because it failed already.
    }
  }

  @Override
  public synchronized void close() {
    share = null;
    client.close();
  }
}
