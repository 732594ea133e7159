package io.sendense.webapp.node;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Decides at every TLS handshake of the node listener whether a client certificate belongs to a
 * node: issued by the hub's node CA, within its validity, and listed as active in the catalog at
 * this moment, so a revoked node's next connection fails in the handshake. The listener allows
 * sessions without a certificate only for pairing, and resumes no session (see {@link
 * NodeListener}).
 */
final class NodeTrust extends X509ExtendedTrustManager {
  private final NodeCa ca;
  private final Predicate<String> activeSerial;

  NodeTrust(NodeCa ca, Predicate<String> activeSerial) {
    this.ca = ca;
    this.activeSerial = activeSerial;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("No client certificate");
    }
    X509Certificate leaf = chain[0];
    if (!ca.issued(leaf)) {
      throw new CertificateException("The certificate was not issued by this hub's node CA");
    }
    if (!activeSerial.test(NodeCa.serial(leaf))) {
      throw new CertificateException(
          "The node with certificate " + NodeCa.serial(leaf) + " is revoked or unknown");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("The node listener trusts no servers");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {ca.caCertificate()};
  }
}
