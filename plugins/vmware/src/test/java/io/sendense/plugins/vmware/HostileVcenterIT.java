package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import com.vmware.vim25.ws.Argument;
import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.source.SourceConnectionTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.RemoteException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile "vCenter" (HTTPS, self-signed) answers with external entities: one names a secret file
 * of the hub, one a DTD on another server. The SOAP client must refuse the answer, send no file
 * content anywhere and never fetch the DTD.
 */
class HostileVcenterIT {
  @TempDir Path dir;

  private final String secret = "top-secret-" + UUID.randomUUID();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger dtdFetches = new AtomicInteger();
  private HttpsServer vcenter;
  private String certificateSha256;
  private HttpServer dtdServer;

  @BeforeEach
  void start() throws Exception {
    Path secretFile = Files.writeString(dir.resolve("secret.txt"), secret);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    dtdServer = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    dtdServer.createContext(
        "/",
        exchange -> {
          dtdFetches.incrementAndGet();
          answer(exchange, "<!ENTITY leak SYSTEM \"file://" + secretFile + "\">");
        });
    dtdServer.start();
    String response = hostileResponse(secretFile, dtdServer.getAddress().getPort());
    vcenter = HttpsServer.create(new InetSocketAddress(loopback, 0), 0);
    vcenter.setHttpsConfigurator(new HttpsConfigurator(selfSignedContext()));
    vcenter.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            requests.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
          answer(exchange, response);
        });
    vcenter.start();
  }

  @AfterEach
  void stop() {
    vcenter.stop(0);
    dtdServer.stop(0);
  }

  @Test
  void connectionTestRefusesTheAnswerAndLeaksNothing() {
    SourceConnectionTest result =
        new VmwareSourceType()
            .testConnection(
                new TestContext(
                    Configuration.of(
                        Map.of(
                            "host", "127.0.0.1",
                            "port", Integer.toString(vcenter.getAddress().getPort()),
                            "username", "u",
                            "password", "p",
                            "certificateMode", "insecure",
                            "thumbprint", ""))));
    assertFalse(result.result().successful());
    assertFalse(result.result().message().contains(secret), result.result().message());
    assertNoLeak();
  }

  @Test
  void anUnpinnedServerGetsOnlyAHandshakeNeverThePassword() {
    SourceConnectionTest result =
        new VmwareSourceType()
            .testConnection(
                new TestContext(
                    Configuration.of(
                        Map.of(
                            "host", "127.0.0.1",
                            "port", Integer.toString(vcenter.getAddress().getPort()),
                            "username", "administrator@vsphere.local",
                            "password", "the-vcenter-password",
                            "certificateMode", "trust-on-first-use",
                            "thumbprint", ""))));
    assertEquals(
        io.sendense.plugin.api.source.SourceProblem.CERTIFICATE_NOT_TRUSTED, result.problem());
    assertEquals(certificateSha256, result.certificateSha256());
    assertTrue(result.result().message().contains(certificateSha256), result.result().message());
    assertEquals(List.of(), requests, "no request (no login, no password) reached the server");
  }

  @Test
  void callWithoutResultIsParsedSafelyToo() throws Exception {
    TolerantWsClient client =
        new TolerantWsClient("https://127.0.0.1:" + vcenter.getAddress().getPort() + "/sdk", true);
    RemoteException e =
        assertThrows(
            RemoteException.class, () -> client.invoke("Logout", new Argument[0], (String) null));
    assertTrue(String.valueOf(e.getMessage()).contains("DOCTYPE"), String.valueOf(e));
    assertNoLeak();
  }

  private void assertNoLeak() {
    assertEquals(0, dtdFetches.get(), "the DTD was fetched");
    assertFalse(requests.isEmpty(), "the client never reached the fake vCenter");
    for (String request : requests) {
      assertFalse(request.contains(secret), "a request carried the secret: " + request);
    }
  }

  private static String hostileResponse(Path secretFile, int dtdPort) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<!DOCTYPE soapenv:Envelope ["
        + "<!ENTITY % remote SYSTEM \"http://127.0.0.1:"
        + dtdPort
        + "/evil.dtd\"> %remote;"
        + "<!ENTITY secret SYSTEM \"file://"
        + secretFile
        + "\">]>"
        + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>"
        + "<RetrieveServiceContentResponse xmlns=\"urn:vim25\"><returnval>"
        + "<rootFolder type=\"Folder\">group-d1</rootFolder>"
        + "<sessionManager type=\"SessionManager\">SessionManager</sessionManager>"
        + "<about><name>&secret;&leak;</name><fullName>&secret;</fullName>"
        + "<apiVersion>6.5</apiVersion></about>"
        + "</returnval></RetrieveServiceContentResponse></soapenv:Body></soapenv:Envelope>";
  }

  private static void answer(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** A TLS context with a fresh self-signed key made by the JDK's keytool. */
  private SSLContext selfSignedContext() throws Exception {
    Path store = dir.resolve("vcenter.p12");
    char[] password = "changeit".toCharArray();
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "vcenter",
                "-keyalg",
                "EC",
                "-dname",
                "CN=localhost",
                "-validity",
                "1",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(password))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, password);
    }
    certificateSha256 =
        PinningTrustManager.sha256(
            (java.security.cert.X509Certificate) keys.getCertificate("vcenter"));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }
}
