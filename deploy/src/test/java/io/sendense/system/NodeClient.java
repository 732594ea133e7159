package io.sendense.system;

import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Calls the hub's node listener directly, as a stranger (no certificate) or with the identity a
 * node process keeps in its data folder, to see what the listener refuses and how.
 */
final class NodeClient {
  record Answer(int status, String body) {}

  private final SSLContext tls;

  private NodeClient(SSLContext tls) {
    this.tls = tls;
  }

  static NodeClient unpaired() throws Exception {
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(null, new TrustManager[] {new AnyServer()}, null);
    return new NodeClient(tls);
  }

  /** The identity of the node whose data folder is {@code data}. */
  static NodeClient of(Path data) throws Exception {
    var key =
        KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(read(data.resolve("node.key"))));
    return withIdentity(key, certificate(read(data.resolve("node.crt"))));
  }

  /**
   * Pairs a new node called {@code name} with {@code token} and returns a client with its identity
   * (a node without a process: the test makes its calls).
   */
  static NodeClient paired(String token, String name) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    String key = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    Answer paired =
        unpaired()
            .post(
                "node/v1/pair",
                "{\"token\":\""
                    + token
                    + "\",\"name\":\""
                    + name
                    + "\",\"publicKey\":\""
                    + key
                    + "\"}");
    if (paired.status() != 200) {
      throw new IOException("pairing answered " + paired.status() + ": " + paired.body());
    }
    String certificate =
        Json.createReader(new StringReader(paired.body())).readObject().getString("certificate");
    return withIdentity(pair.getPrivate(), certificate(Base64.getDecoder().decode(certificate)));
  }

  private static X509Certificate certificate(byte[] der) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(der));
  }

  private static NodeClient withIdentity(PrivateKey key, X509Certificate cert) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("node", key, "p".toCharArray(), new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
    kmf.init(keys, "p".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(kmf.getKeyManagers(), new TrustManager[] {new AnyServer()}, null);
    return new NodeClient(tls);
  }

  /** Pairs a throw-away key with {@code token}. */
  Answer pair(String token, String name) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    String key =
        Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
    return post(
        "node/v1/pair",
        "{\"token\":\"" + token + "\",\"name\":\"" + name + "\",\"publicKey\":\"" + key + "\"}");
  }

  Answer post(String path, String json) throws IOException {
    URL url = new URL("https://127.0.0.1:" + HubEnvironment.nodesPort() + "/" + path);
    HttpsURLConnection c = (HttpsURLConnection) url.openConnection();
    c.setSSLSocketFactory(tls.getSocketFactory());
    c.setHostnameVerifier((h, s) -> true);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = c.getOutputStream()) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      return new Answer(
          status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static byte[] read(Path file) throws IOException {
    return Base64.getDecoder().decode(Files.readString(file).strip());
  }

  /** The tests check the hub's side; which certificate the hub shows is the node's concern. */
  private static final class AnyServer implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
