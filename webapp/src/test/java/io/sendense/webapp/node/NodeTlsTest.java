package io.sendense.webapp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import io.sendense.webapp.security.SecretCipher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node listener's TLS against a real JDK HTTPS server and client. */
class NodeTlsTest {
  @TempDir Path tmp;
  private NodeCa ca;
  private HttpsServer server;
  private final Set<String> active = ConcurrentHashMap.newKeySet();
  private final AtomicInteger checks = new AtomicInteger();
  private final AtomicInteger served = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    ca =
        NodeCa.open(
            tmp.resolve("secrets"),
            SecretCipher.fromKeyFile(tmp.resolve("k.keys")),
            Clock.systemUTC());
    SSLContext context =
        NodeTls.serverContext(
            ca,
            serial -> {
              checks.incrementAndGet();
              return active.contains(serial);
            });
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(NodeTls.configurator(context));
    server.createContext(
        "/",
        exchange -> {
          served.incrementAndGet();
          boolean hasCert;
          try {
            hasCert = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates().length > 0;
          } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            hasCert = false;
          }
          byte[] body = (hasCert ? "cert" : "none").getBytes(StandardCharsets.UTF_8);
          NodeApi.closing(exchange);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void certificatesAreValidFromTheHubsClock() throws Exception {
    Instant at = Instant.parse("2031-05-01T12:00:00Z");
    NodeCa later =
        NodeCa.open(
            tmp.resolve("later"),
            SecretCipher.fromKeyFile(tmp.resolve("k.keys")),
            Clock.fixed(at, ZoneOffset.UTC));
    X509Certificate cert = later.issue(NodeCa.newKeyPair().getPublic().getEncoded(), "n1");

    Instant from = at.minus(Duration.ofMinutes(5));
    assertEquals(from, cert.getNotBefore().toInstant());
    assertEquals(from, later.caCertificate().getNotBefore().toInstant());
    assertEquals(from, later.listener().certificate().getNotBefore().toInstant());
    assertTrue(later.issued(cert), "valid at the hub's now");
    NodeCa today =
        NodeCa.open(
            tmp.resolve("later"),
            SecretCipher.fromKeyFile(tmp.resolve("k.keys")),
            Clock.systemUTC());
    assertFalse(today.issued(cert), "not valid yet by the system clock");
  }

  @Test
  void caIssuesVerifiableCertificatesAndReopensThem() throws Exception {
    KeyPair pair = NodeCa.newKeyPair();
    X509Certificate cert = ca.issue(pair.getPublic().getEncoded(), "n1");
    cert.verify(ca.caCertificate().getPublicKey());
    assertEquals("CN=Sendense node n1", cert.getSubjectX500Principal().getName());
    assertEquals(-1, cert.getBasicConstraints(), "a node certificate is no CA");
    assertEquals(Integer.MAX_VALUE, ca.caCertificate().getBasicConstraints());
    NodeCa again =
        NodeCa.open(
            tmp.resolve("secrets"),
            SecretCipher.fromKeyFile(tmp.resolve("k.keys")),
            Clock.systemUTC());
    assertEquals(ca.caCertificate(), again.caCertificate(), "the CA is kept, sealed, not remade");
    assertEquals(true, again.issued(cert));
    NodeCa other =
        NodeCa.open(
            tmp.resolve("other"),
            SecretCipher.fromKeyFile(tmp.resolve("k.keys")),
            Clock.systemUTC());
    assertEquals(false, other.issued(cert), "another hub's CA does not vouch for this node");
  }

  @Test
  void revokedNodeIsRefusedInTheHandshakeOfItsNextRequest() throws Exception {
    KeyPair pair = NodeCa.newKeyPair();
    X509Certificate cert = ca.issue(pair.getPublic().getEncoded(), "n1");
    active.add(NodeCa.serial(cert));
    SSLContext client = client(pair, cert);
    assertEquals("cert", get(client));
    assertEquals("cert", get(client));
    assertEquals(2, checks.get(), "every request is a new connection with a full handshake");
    active.clear();
    assertRefusedInHandshake(() -> get(client));
    // The JDK client retries a failed GET once: each attempt is checked and refused.
    assertTrue(checks.get() >= 3, "the refused connection's certificate was checked");
  }

  @Test
  void clientWithoutCertificateConnectsWithoutIdentity() throws Exception {
    SSLContext client = SSLContext.getInstance("TLSv1.3");
    client.init(null, pinned(), null);
    assertEquals("none", get(client));
  }

  @Test
  void certificateOfAnotherCaIsRefused() throws Exception {
    NodeCa other =
        NodeCa.open(
            tmp.resolve("other"),
            SecretCipher.fromKeyFile(tmp.resolve("k.keys")),
            Clock.systemUTC());
    KeyPair pair = NodeCa.newKeyPair();
    X509Certificate cert = other.issue(pair.getPublic().getEncoded(), "n1");
    active.add(NodeCa.serial(cert));
    SSLContext client = client(pair, cert);
    assertRefusedInHandshake(() -> get(client));
    assertEquals(0, checks.get(), "a foreign certificate is refused before the catalog is asked");
  }

  /**
   * TLS 1.3 clients learn of a refused certificate from the server's alert (or its closing the
   * connection) after their half of the handshake, so the client's error depends on timing (an
   * SSLException, a reset, or "Error writing to server" when the request is written first): what
   * counts is that the call fails and the HTTP handler never sees the request.
   */
  private void assertRefusedInHandshake(org.junit.jupiter.api.function.Executable call) {
    int before = served.get();
    assertThrows(IOException.class, call);
    assertEquals(before, served.get(), "refused by TLS: the request never reached HTTP");
  }

  private SSLContext client(KeyPair pair, X509Certificate cert) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("node", pair.getPrivate(), "p".toCharArray(), new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
    kmf.init(keys, "p".toCharArray());
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(kmf.getKeyManagers(), pinned(), null);
    return context;
  }

  private javax.net.ssl.TrustManager[] pinned() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("hub", ca.listener().certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    return tmf.getTrustManagers();
  }

  private String get(SSLContext context) throws IOException {
    URL url = new URL("https://127.0.0.1:" + server.getAddress().getPort() + "/x");
    HttpsURLConnection c = (HttpsURLConnection) url.openConnection();
    c.setSSLSocketFactory(context.getSocketFactory());
    c.setHostnameVerifier((h, s) -> true);
    try (var in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
