package io.sendense.webapp.node;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The node listener's TLS: TLS 1.3 only, the listener's certificate from the hub's node CA, client
 * certificates checked by {@link NodeTrust} at every handshake (wanted, not required: pairing comes
 * without one), and no session resumption, which would skip that check.
 */
final class NodeTls {
  private NodeTls() {}

  static SSLContext serverContext(NodeCa ca, Predicate<String> activeSerial)
      throws GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try {
      keys.load(null, null);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    char[] password = "listener".toCharArray();
    keys.setKeyEntry(
        "listener",
        ca.listener().key(),
        password,
        new Certificate[] {ca.listener().certificate(), ca.caCertificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    SSLContext context = withoutSessionTickets(() -> SSLContext.getInstance("TLSv1.3"));
    context.init(kmf.getKeyManagers(), new TrustManager[] {new NodeTrust(ca, activeSerial)}, null);
    // Resumed sessions skip the trust check: stateless tickets are off for this context (above),
    // and every cached session is invalidated when its exchange ends (NodeApi.closing).
    context.getServerSessionContext().setSessionCacheSize(1);
    context.getServerSessionContext().setSessionTimeout(1);
    return context;
  }

  private interface Make {
    SSLContext make() throws GeneralSecurityException;
  }

  /**
   * The JDK reads whether a server issues TLS 1.3 stateless session tickets when it creates an SSL
   * context, from a system property only; it is set for the creation of this one context.
   */
  private static synchronized SSLContext withoutSessionTickets(Make make)
      throws GeneralSecurityException {
    String key = "jdk.tls.server.enableSessionTicketExtension";
    String before = System.getProperty(key);
    System.setProperty(key, "false");
    try {
      SSLContext context = make.make();
      context.getServerSessionContext();
      return context;
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  static HttpsConfigurator configurator(SSLContext context) {
    return new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3"});
        p.setWantClientAuth(true);
        params.setSSLParameters(p);
      }
    };
  }
}
