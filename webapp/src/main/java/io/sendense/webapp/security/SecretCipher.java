package io.sendense.webapp.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept in the catalog (vCenter passwords, share credentials) with AES-256-GCM.
 * Keys live in an owner-only key file, one {@code id=base64} line each; the last line encrypts,
 * every line decrypts, so keys rotate by appending a line. Each ciphertext names its key: {@code
 * v1:<keyId>:<base64(iv | ciphertext | tag)>}. The context string (for example {@code
 * source/12/password}) is bound as associated data, so a ciphertext copied to another row does not
 * decrypt.
 */
public final class SecretCipher {
  private static final String PREFIX = "v1";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, SecretKey> keys;
  private final String activeKeyId;

  private SecretCipher(Map<String, SecretKey> keys, String activeKeyId) {
    this.keys = keys;
    this.activeKeyId = activeKeyId;
  }

  /** Loads the key file, creating it with one new key (mode 600) if it does not exist. */
  public static SecretCipher fromKeyFile(Path keyFile) {
    try {
      if (!Files.exists(keyFile)) {
        createKeyFile(keyFile);
      }
      return parse(Files.readAllLines(keyFile, StandardCharsets.US_ASCII), keyFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the secret key file " + keyFile, e);
    }
  }

  /** Appends a new key that encrypts from now on; existing ciphertexts keep decrypting. */
  public static String rotate(Path keyFile) throws IOException {
    String id = newKeyId(parse(Files.readAllLines(keyFile), keyFile).keys.size() + 1);
    Files.writeString(keyFile, keyLine(id), StandardOpenOption.APPEND);
    return id;
  }

  public String activeKeyId() {
    return activeKeyId;
  }

  public String encrypt(String plaintext, String context) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), iv, context);
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
      return PREFIX + ":" + activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts a value made by {@link #encrypt}.
   *
   * @throws IllegalArgumentException naming the problem (unknown key, wrong context, tampered) but
   *     never the secret
   */
  public String decrypt(String ciphertext, String context) {
    String[] parts = ciphertext.split(":", 3);
    if (parts.length != 3 || !PREFIX.equals(parts[0])) {
      throw new IllegalArgumentException("Not a Sendense ciphertext (expected v1:<key>:<data>)");
    }
    SecretKey key = keys.get(parts[1]);
    if (key == null) {
      throw new IllegalArgumentException(
          "Secret was encrypted with key '" + parts[1] + "', which is not in the key file");
    }
    try {
      byte[] raw = Base64.getDecoder().decode(parts[2]);
      if (raw.length < IV_BYTES + TAG_BITS / 8) {
        throw new IllegalArgumentException("Ciphertext is truncated");
      }
      ByteBuffer buffer = ByteBuffer.wrap(raw);
      byte[] iv = new byte[IV_BYTES];
      buffer.get(iv);
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, iv, context);
      return new String(
          cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Secret does not decrypt: it was altered or belongs to another record", e);
    }
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] iv, String context)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static SecretCipher parse(List<String> lines, Path keyFile) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    String last = null;
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      byte[] key = eq > 0 ? decodeKey(trimmed.substring(eq + 1)) : new byte[0];
      if (key.length != 32) {
        throw new IllegalStateException(
            "Key file " + keyFile + " has a malformed line (expected id=<32 bytes base64>)");
      }
      last = trimmed.substring(0, eq);
      keys.put(last, new SecretKeySpec(key, "AES"));
    }
    if (last == null) {
      throw new IllegalStateException("Key file " + keyFile + " holds no key");
    }
    return new SecretCipher(Map.copyOf(keys), last);
  }

  private static byte[] decodeKey(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static void createKeyFile(Path keyFile) throws IOException {
    Files.createDirectories(keyFile.toAbsolutePath().getParent());
    Files.createFile(
        keyFile,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        keyFile, "# Sendense catalog keys: keep safe, back up apart from the database\n");
    Files.writeString(keyFile, keyLine(newKeyId(1)), StandardOpenOption.APPEND);
  }

  private static String newKeyId(int n) {
    return "k" + n + "-" + Long.toString(System.currentTimeMillis(), 36);
  }

  private static String keyLine(String id) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return id + "=" + Base64.getEncoder().encodeToString(key) + "\n";
  }
}
