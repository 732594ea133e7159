package io.sendense.plugins.vmware;

import com.vmware.vim25.mo.ServiceInstance;
import io.sendense.plugin.api.source.SourceConnectionTest;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Test Connection for a vCenter/ESXi: TLS and certificate, login, then the privileges a backup
 * needs, reporting the first thing that is wrong exactly. A server whose certificate is not pinned
 * yet gets only a TLS handshake (trust on first use shows its thumbprint; the password waits).
 */
final class ConnectionTester {

  /** Privileges backups need on the VMs; checked on the root folder. */
  static final String[] PRIVILEGES = {
    "VirtualMachine.State.CreateSnapshot",
    "VirtualMachine.State.RemoveSnapshot",
    "VirtualMachine.Config.ChangeTracking",
    "VirtualMachine.Provisioning.DiskRandomRead",
    "Datastore.Browse"
  };

  private ConnectionTester() {}

  static SourceConnectionTest test(VmwareSettings settings) {
    PinningTrustManager trust = VmwareConnection.trustFor(settings);
    if (settings.certificateMode() != CertificateMode.INSECURE && settings.thumbprint() == null) {
      return firstUse(settings, trust);
    }
    SourceConnectionTest result;
    try (VmwareConnection connection = VmwareConnection.login(settings, trust)) {
      result = checkPrivileges(connection.serviceInstance(), trust.seenThumbprint());
    } catch (SourceException e) {
      result = SourceConnectionTest.failed(e.problem(), e.getMessage(), trust.seenThumbprint());
    }
    return settings.certificateMode() == CertificateMode.INSECURE ? warnInsecure(result) : result;
  }

  /**
   * No thumbprint pinned yet: only a TLS handshake, to show the administrator the certificate to
   * confirm. Nothing is sent to a server that is not trusted yet, least of all the password: the
   * hub logs in only once the thumbprint is pinned.
   */
  private static SourceConnectionTest firstUse(VmwareSettings settings, PinningTrustManager trust) {
    String seen;
    try {
      seen = handshake(settings, trust);
    } catch (SourceException e) {
      return SourceConnectionTest.failed(e.problem(), e.getMessage(), trust.seenThumbprint());
    }
    return SourceConnectionTest.failed(
        SourceProblem.CERTIFICATE_NOT_TRUSTED,
        "The server presented a certificate with SHA-256 "
            + seen
            + ". Compare it with the certificate of "
            + settings.host()
            + " (vSphere Client: Administration > Certificates), then confirm it to trust this"
            + " server. Login and privileges are checked only after that: no password is sent to"
            + " a server that is not trusted.",
        seen);
  }

  /**
   * Opens a TLS connection with {@code trust} and closes it right after the handshake; returns the
   * thumbprint of the certificate the server presented.
   */
  static String handshake(VmwareSettings settings, PinningTrustManager trust)
      throws SourceException {
    String action = "Connecting to " + settings.host() + ":" + settings.port();
    int timeoutMs = settings.timeoutSeconds() * 1000;
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, null);
      try (Socket plain = new Socket()) {
        plain.connect(new InetSocketAddress(settings.host(), settings.port()), timeoutMs);
        plain.setSoTimeout(timeoutMs);
        try (SSLSocket tls =
            (SSLSocket)
                context
                    .getSocketFactory()
                    .createSocket(plain, settings.host(), settings.port(), false)) {
          tls.startHandshake();
        }
      }
    } catch (SSLException e) {
      if (trust.seenThumbprint() == null) {
        throw Faults.map(action, e, trust);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw Faults.map(action, e, trust);
    }
    if (trust.seenThumbprint() == null) {
      throw new SourceException(
          SourceProblem.PROTOCOL_ERROR, action + ": the server presented no certificate", null);
    }
    return trust.seenThumbprint();
  }

  /** Insecure mode works, but every answer says what it risks and how to leave it. */
  private static SourceConnectionTest warnInsecure(SourceConnectionTest result) {
    String warning =
        " WARNING: certificate checks are off (insecure mode): anything on the network path can"
            + " pose as this server and receive its password. Pin the certificate instead"
            + (result.certificateSha256() == null
                ? "."
                : " (SHA-256 " + result.certificateSha256() + ").");
    return result.result().successful()
        ? SourceConnectionTest.success(
            result.result().message() + "." + warning, result.certificateSha256())
        : SourceConnectionTest.failed(
            result.problem(),
            result.result().message() + "." + warning,
            result.certificateSha256());
  }

  private static SourceConnectionTest checkPrivileges(ServiceInstance si, String thumbprint) {
    String about = si.getAboutInfo().getFullName();
    List<String> missing;
    try {
      missing = missingPrivileges(si);
    } catch (Exception e) {
      String note = "; privileges could not be checked (" + Faults.describe(e) + ")";
      return SourceConnectionTest.success("Connected to " + about + note, thumbprint);
    }
    if (missing.isEmpty()) {
      return SourceConnectionTest.success(
          "Connected to " + about + "; all backup privileges granted", thumbprint);
    }
    return SourceConnectionTest.failed(
        SourceProblem.INSUFFICIENT_PRIVILEGES,
        "Logged in to "
            + about
            + ", but the user lacks "
            + String.join(", ", missing)
            + " on the root folder; grant them (a role with them, propagated) and test again",
        thumbprint);
  }

  private static List<String> missingPrivileges(ServiceInstance si) throws Exception {
    String session = si.getSessionManager().getCurrentSession().getKey();
    boolean[] granted =
        si.getAuthorizationManager().hasPrivilegeOnEntity(si.getRootFolder(), session, PRIVILEGES);
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < PRIVILEGES.length; i++) {
      if (granted == null || i >= granted.length || !granted[i]) {
        missing.add(PRIVILEGES[i]);
      }
    }
    return missing;
  }
}
