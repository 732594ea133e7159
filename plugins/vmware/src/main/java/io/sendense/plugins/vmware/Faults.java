package io.sendense.plugins.vmware;

import com.vmware.vim25.InvalidLogin;
import com.vmware.vim25.ManagedObjectNotFound;
import com.vmware.vim25.NoPermission;
import com.vmware.vim25.NotAuthenticated;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns what yavijava and the JDK throw into {@link SourceException}s that say what to fix.
 *
 * <p>yavijava wraps transport errors in {@code RemoteException}s several levels deep and raises
 * vSphere faults as exceptions whose message is the server's fault string, so the cause chain is
 * searched for the first thing that identifies the problem.
 */
final class Faults {

  private Faults() {}

  /**
   * Maps a failure of {@code action} (for example "Creating snapshot sbak-7 of VM vm-12").
   *
   * @param trust the trust manager of the connection, to explain certificate failures
   */
  static SourceException map(String action, Throwable error, PinningTrustManager trust) {
    if (error instanceof SourceException e) {
      return e;
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      SourceException mapped = mapOne(action, t, trust);
      if (mapped != null) {
        return mapped;
      }
    }
    return new SourceException(SourceProblem.OTHER, action + " failed: " + describe(error), error);
  }

  private static SourceException mapOne(String action, Throwable t, PinningTrustManager trust) {
    if (t instanceof SSLException) {
      return certificate(action, t, trust);
    }
    SourceException transport = transport(action, t);
    return transport != null ? transport : vsphereFault(action, t);
  }

  private static SourceException transport(String action, Throwable t) {
    if (t instanceof UnknownHostException) {
      return fail(SourceProblem.UNREACHABLE, action + ": host name does not resolve", t);
    }
    if (t instanceof ConnectException
        || t instanceof NoRouteToHostException
        || t instanceof HttpConnectTimeoutException) {
      String why = ": nothing answers on that address and port (" + describe(t) + ")";
      return fail(SourceProblem.UNREACHABLE, action + why, t);
    }
    if (t instanceof SocketTimeoutException) {
      return fail(SourceProblem.UNREACHABLE, action + ": the server did not answer in time", t);
    }
    return null;
  }

  private static SourceException vsphereFault(String action, Throwable t) {
    if (t instanceof InvalidLogin) {
      return fail(SourceProblem.LOGIN_FAILED, action + ": user name or password refused", t);
    }
    if (t instanceof NoPermission p) {
      String why = ": privilege " + p.getPrivilegeId() + " is missing";
      return fail(SourceProblem.INSUFFICIENT_PRIVILEGES, action + why, t);
    }
    if (t instanceof NotAuthenticated) {
      return fail(SourceProblem.CONNECTION_LOST, action + ": the session expired", t);
    }
    if (t instanceof ManagedObjectNotFound) {
      return fail(SourceProblem.NOT_FOUND, action + ": the object does not exist (any more)", t);
    }
    return null;
  }

  private static SourceException certificate(
      String action, Throwable t, PinningTrustManager trust) {
    if (trust != null && trust.mismatched()) {
      return fail(
          SourceProblem.CERTIFICATE_MISMATCH,
          action
              + ": the server's certificate SHA-256 is "
              + trust.seenThumbprint()
              + ", not the pinned one. If the certificate was renewed, confirm and pin the new thumbprint.",
          t);
    }
    if (trust != null && trust.unpinned()) {
      return fail(
          SourceProblem.CERTIFICATE_NOT_TRUSTED,
          action
              + ": confirm the server's certificate SHA-256 "
              + trust.seenThumbprint()
              + " to trust it",
          t);
    }
    return fail(
        SourceProblem.PROTOCOL_ERROR, action + ": TLS handshake failed (" + describe(t) + ")", t);
  }

  private static SourceException fail(SourceProblem problem, String message, Throwable cause) {
    return new SourceException(problem, message, cause);
  }

  /** Whether the failure is the server having expired or ended the session. */
  static boolean sessionExpired(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof NotAuthenticated) {
        return true;
      }
    }
    return false;
  }

  /** The exception's class and message, which for vSphere faults is the server's fault string. */
  static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
