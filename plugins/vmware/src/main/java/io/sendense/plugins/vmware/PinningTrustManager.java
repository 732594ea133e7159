package io.sendense.plugins.vmware;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a vCenter's certificate by its SHA-256 thumbprint instead of a CA chain, since most
 * vCenters use their own VMCA or self-signed certificates. It remembers the thumbprint it saw so
 * that Test Connection can show it ("trust on first use") or explain a mismatch.
 *
 * <p>It is an {@link X509ExtendedTrustManager} on purpose: JSSE then leaves the host name check to
 * it, and a pinned certificate needs none (the same certificate answers on every name).
 */
final class PinningTrustManager extends X509ExtendedTrustManager {

  private final String pinned;
  private final boolean acceptAny;
  private volatile String seen;

  /**
   * @param pinned expected thumbprint (64 lower-case hex digits), or {@code null} for none
   * @param acceptAny whether to accept any certificate (insecure mode); it is still recorded
   */
  PinningTrustManager(String pinned, boolean acceptAny) {
    this.pinned = pinned;
    this.acceptAny = acceptAny;
  }

  /** The thumbprint of the last certificate the server presented, or {@code null}. */
  String seenThumbprint() {
    return seen;
  }

  /** Whether the last handshake was refused because the thumbprint differed from the pinned one. */
  boolean mismatched() {
    return !acceptAny && pinned != null && seen != null && !pinned.equals(seen);
  }

  /** Whether the last handshake was refused because no thumbprint is pinned. */
  boolean unpinned() {
    return !acceptAny && pinned == null && seen != null;
  }

  static String sha256(X509Certificate certificate) throws CertificateEncodingException {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("The server presented no certificate");
    }
    seen = sha256(chain[0]);
    if (acceptAny) {
      return;
    }
    if (pinned == null) {
      throw new CertificateException("Certificate " + seen + " is not trusted yet");
    }
    if (!pinned.equals(seen)) {
      throw new CertificateException("Certificate " + seen + " does not match pinned " + pinned);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("Client certificates are not checked here");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("Client certificates are not checked here");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("Client certificates are not checked here");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
