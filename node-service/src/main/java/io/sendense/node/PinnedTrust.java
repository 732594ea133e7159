package io.sendense.node;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts exactly one hub certificate: the one whose SHA-256 (base64url) the pairing token carries,
 * then the one pinned at pairing. Host names and CAs play no part.
 */
final class PinnedTrust implements X509TrustManager {
  private final String pin;
  private final AtomicReference<X509Certificate> seen = new AtomicReference<>();

  PinnedTrust(String pin) {
    this.pin = pin;
  }

  static PinnedTrust of(X509Certificate certificate) {
    return new PinnedTrust(pin(certificate));
  }

  static String pin(X509Certificate certificate) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hub certificate of the last accepted handshake. */
  X509Certificate seen() {
    return seen.get();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0 || !pin.equals(pin(chain[0]))) {
      throw new CertificateException(
          "The hub's certificate is not the one this node pinned (or the token names); is the hub"
              + " URL right?");
    }
    seen.set(chain[0]);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("The node accepts no connections");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
