package io.sendense.node;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
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
import java.util.Properties;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The node's identity in its data folder (owner-only files): its private key (made here, never
 * sent), the client certificate the hub's CA issued at pairing, and the hub certificate it pinned.
 */
final class NodeIdentity {
  static final String VERSION = "0.1.0";

  private final PrivateKey key;
  private final X509Certificate certificate;
  private final X509Certificate hub;
  private final long nodeId;
  private final String name;

  private NodeIdentity(
      PrivateKey key, X509Certificate certificate, X509Certificate hub, long nodeId, String name) {
    this.key = key;
    this.certificate = certificate;
    this.hub = hub;
    this.nodeId = nodeId;
    this.name = name;
  }

  long nodeId() {
    return nodeId;
  }

  String name() {
    return name;
  }

  static boolean exists(Path data) {
    return Files.exists(data.resolve("node.properties"));
  }

  /**
   * Pairs with the hub: checks that the hub's certificate is the one the token names, sends the
   * token with a new public key, and keeps what the hub issued.
   */
  static NodeIdentity pair(NodeOptions options) throws IOException, GeneralSecurityException {
    if (options.hub() == null || options.token() == null) {
      throw new IllegalArgumentException(
          "This node is not paired yet: give --hub URL and --token TOKEN (from the hub's Nodes"
              + " page)");
    }
    String[] parts = options.token().split("\\.");
    if (parts.length != 2) {
      throw new IllegalArgumentException("The pairing token is malformed; copy it again");
    }
    PinnedTrust trust = new PinnedTrust(parts[1]);
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(null, new TrustManager[] {trust}, null);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    JsonObject answer =
        new HubConnection(options.hub(), tls)
            .post(
                "node/v1/pair",
                Json.createObjectBuilder()
                    .add("token", options.token())
                    .add("name", options.name())
                    .add("version", VERSION)
                    .add(
                        "publicKey",
                        Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()))
                    .build(),
                30_000);
    NodeIdentity identity =
        new NodeIdentity(
            pair.getPrivate(),
            certificate(Base64.getDecoder().decode(answer.getString("certificate"))),
            trust.seen(),
            answer.getJsonNumber("nodeId").longValueExact(),
            answer.getString("name"));
    identity.save(options.data(), options.hub());
    return identity;
  }

  static NodeIdentity load(Path data) throws IOException, GeneralSecurityException {
    Properties p = new Properties();
    try (var in = Files.newInputStream(data.resolve("node.properties"))) {
      p.load(in);
    }
    PrivateKey key =
        KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(read(data.resolve("node.key"))));
    return new NodeIdentity(
        key,
        certificate(read(data.resolve("node.crt"))),
        certificate(read(data.resolve("hub.crt"))),
        Long.parseLong(p.getProperty("nodeId")),
        p.getProperty("name"));
  }

  /** The hub URL the node paired with. */
  static String pairedHub(Path data) throws IOException {
    Properties p = new Properties();
    try (var in = Files.newInputStream(data.resolve("node.properties"))) {
      p.load(in);
    }
    return p.getProperty("hub");
  }

  /** TLS with the node's certificate, trusting only the pinned hub certificate. */
  SSLContext tls() throws GeneralSecurityException, IOException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    char[] password = "node".toCharArray();
    keys.setKeyEntry("node", key, password, new Certificate[] {certificate});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(kmf.getKeyManagers(), new TrustManager[] {PinnedTrust.of(hub)}, null);
    return tls;
  }

  private void save(Path data, String hubUrl) throws IOException, GeneralSecurityException {
    Files.createDirectories(data);
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    write(data.resolve("node.key"), key.getEncoded());
    write(data.resolve("node.crt"), certificate.getEncoded());
    write(data.resolve("hub.crt"), hub.getEncoded());
    Properties p = new Properties();
    p.setProperty("nodeId", Long.toString(nodeId));
    p.setProperty("name", name);
    p.setProperty("hub", hubUrl);
    Path file = data.resolve("node.properties");
    try (var out = Files.newOutputStream(file)) {
      p.store(out, "Sendense node: paired with the hub below; delete this folder to pair again");
    }
  }

  private static void write(Path file, byte[] der) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        file, Base64.getEncoder().encodeToString(der) + "\n", StandardCharsets.US_ASCII);
  }

  private static byte[] read(Path file) throws IOException {
    return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
  }

  private static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }
}
