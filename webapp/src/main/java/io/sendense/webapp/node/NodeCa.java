package io.sendense.webapp.node;

import io.sendense.webapp.security.SecretCipher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;

/**
 * The hub's certificate authority for nodes: it issues each node's client certificate at pairing
 * and the node listener's own server certificate. Its keys live in the secrets folder, sealed with
 * the catalog's {@link SecretCipher} like every other secret; a node is trusted only while the
 * catalog lists its certificate's serial as active, so revoking needs no revocation list.
 */
public final class NodeCa {
  static final String SIGNATURE = "SHA256withECDSA";
  private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CA_NAME = "Sendense hub node CA";

  /** A key and its certificate. */
  public record Identity(PrivateKey key, X509Certificate certificate) {}

  private final Identity ca;
  private final Identity listener;
  private final Clock clock;

  private NodeCa(Identity ca, Identity listener, Clock clock) {
    this.clock = clock;
    this.ca = ca;
    this.listener = listener;
  }

  /**
   * Loads the CA and the listener's identity from {@code folder} (files {@code node-ca.sealed} and
   * {@code node-listener.sealed}), creating them on first use; certificates are valid from {@code
   * clock}'s now (less five minutes for skew).
   */
  public static NodeCa open(Path folder, SecretCipher cipher, Clock clock) {
    Identity ca = load(folder.resolve("node-ca.sealed"), cipher, null, clock.instant());
    Identity listener = load(folder.resolve("node-listener.sealed"), cipher, ca, clock.instant());
    return new NodeCa(ca, listener, clock);
  }

  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  public Identity listener() {
    return listener;
  }

  /** A client certificate for a node's public key (X.509 SubjectPublicKeyInfo, DER). */
  public X509Certificate issue(byte[] publicKey, String nodeName) {
    try {
      PublicKey key =
          KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(publicKey));
      return sign(
          key,
          "Sendense node " + nodeName,
          false,
          commonName(ca.certificate()),
          ca.key(),
          3650,
          clock.instant());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "The node's public key is not an EC key in X.509 form: " + e.getMessage(), e);
    }
  }

  /** Whether {@code certificate} was issued by this CA and is within its validity. */
  public boolean issued(X509Certificate certificate) {
    try {
      certificate.verify(ca.certificate().getPublicKey());
      certificate.checkValidity(Date.from(clock.instant()));
      return certificate
          .getIssuerX500Principal()
          .equals(ca.certificate().getSubjectX500Principal());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  public static String serial(X509Certificate certificate) {
    return certificate.getSerialNumber().toString(16);
  }

  public static String sha256(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static X509Certificate sign(
      PublicKey subjectKey,
      String subject,
      boolean authority,
      String issuer,
      PrivateKey signingKey,
      int days,
      Instant now)
      throws GeneralSecurityException {
    byte[] algorithm = Der.sequence(Der.oid(ECDSA_SHA256));
    byte[] tbs =
        Der.sequence(
            Der.explicit(0, Der.integer(BigInteger.TWO)),
            Der.integer(new BigInteger(64, RANDOM).setBit(63)),
            algorithm,
            name(issuer),
            Der.sequence(
                Der.time(now.minus(Duration.ofMinutes(5))),
                Der.time(now.plus(Duration.ofDays(days)))),
            name(subject),
            subjectKey.getEncoded(),
            Der.explicit(
                3,
                Der.sequence(
                    Der.sequence(
                        Der.oid(BASIC_CONSTRAINTS),
                        Der.bool(true),
                        Der.octets(authority ? Der.sequence(Der.bool(true)) : Der.sequence())))));
    Signature signer = Signature.getInstance(SIGNATURE);
    signer.initSign(signingKey);
    signer.update(tbs);
    byte[] certificate = Der.sequence(tbs, algorithm, Der.bits(signer.sign()));
    return parse(certificate);
  }

  private static byte[] name(String commonName) {
    return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
  }

  private static String commonName(X509Certificate certificate) {
    String dn = certificate.getSubjectX500Principal().getName();
    return dn.startsWith("CN=") ? dn.substring(3).replace("\\", "") : dn;
  }

  static X509Certificate parse(byte[] der) throws GeneralSecurityException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK cannot make EC P-256 keys", e);
    }
  }

  private static Identity load(Path file, SecretCipher cipher, Identity issuer, Instant now) {
    String context = "hub/" + file.getFileName();
    try {
      if (Files.exists(file)) {
        String[] parts = cipher.decrypt(Files.readString(file).strip(), context).split("\n");
        PrivateKey key =
            KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0])));
        return new Identity(key, parse(Base64.getDecoder().decode(parts[1])));
      }
      KeyPair pair = newKeyPair();
      X509Certificate certificate =
          issuer == null
              ? sign(pair.getPublic(), CA_NAME, true, CA_NAME, pair.getPrivate(), 7300, now)
              : sign(
                  pair.getPublic(),
                  "Sendense hub",
                  false,
                  commonName(issuer.certificate()),
                  issuer.key(),
                  3650,
                  now);
      Identity identity = new Identity(pair.getPrivate(), certificate);
      String plain =
          Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
              + "\n"
              + Base64.getEncoder().encodeToString(certificate.getEncoded());
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, cipher.encrypt(plain, context) + "\n", StandardCharsets.US_ASCII);
      return identity;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write the node CA file " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The node CA file " + file + " is not usable", e);
    }
  }
}
