package io.sendense.webapp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {
  @TempDir Path dir;

  @Test
  void roundTripsAndNeverContainsThePlaintext() {
    SecretCipher cipher = SecretCipher.fromKeyFile(dir.resolve("keys"));
    String sealed = cipher.encrypt("vc-Passw0rd!", "source/1/password");
    assertFalse(sealed.contains("vc-Passw0rd"));
    assertTrue(sealed.startsWith("v1:" + cipher.activeKeyId() + ":"));
    assertEquals("vc-Passw0rd!", cipher.decrypt(sealed, "source/1/password"));
    assertNotEquals(sealed, cipher.encrypt("vc-Passw0rd!", "source/1/password"));
  }

  @Test
  void keyFileIsCreatedOwnerOnlyAndReusedOnTheNextStart() throws Exception {
    Path keys = dir.resolve("secrets/keys");
    String sealed = SecretCipher.fromKeyFile(keys).encrypt("s", "ctx");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
    assertEquals("s", SecretCipher.fromKeyFile(keys).decrypt(sealed, "ctx"));
  }

  @Test
  void aCiphertextMovedToAnotherRecordDoesNotDecrypt() {
    SecretCipher cipher = SecretCipher.fromKeyFile(dir.resolve("keys"));
    String sealed = cipher.encrypt("s", "source/1/password");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> cipher.decrypt(sealed, "source/2/password"));
    assertTrue(e.getMessage().contains("altered or belongs to another record"));
  }

  @Test
  void tamperedCiphertextIsRejected() {
    SecretCipher cipher = SecretCipher.fromKeyFile(dir.resolve("keys"));
    String[] parts = cipher.encrypt("secret", "c").split(":", 3);
    byte[] raw = Base64.getDecoder().decode(parts[2]);
    raw[raw.length - 1] ^= 1;
    String tampered = parts[0] + ":" + parts[1] + ":" + Base64.getEncoder().encodeToString(raw);
    assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(tampered, "c"));
    assertThrows(
        IllegalArgumentException.class, () -> cipher.decrypt("v1:" + parts[1] + ":AAAA", "c"));
    assertThrows(IllegalArgumentException.class, () -> cipher.decrypt("garbage", "c"));
  }

  @Test
  void rotationKeepsOldSecretsReadableAndEncryptsWithTheNewKey() throws Exception {
    Path keys = dir.resolve("keys");
    SecretCipher before = SecretCipher.fromKeyFile(keys);
    String old = before.encrypt("old", "c");
    String newId = SecretCipher.rotate(keys);
    SecretCipher after = SecretCipher.fromKeyFile(keys);
    assertEquals(newId, after.activeKeyId());
    assertNotEquals(before.activeKeyId(), newId);
    assertEquals("old", after.decrypt(old, "c"));
    assertTrue(after.encrypt("new", "c").startsWith("v1:" + newId + ":"));
  }

  @Test
  void unknownKeyIdSaysWhichKeyIsMissing() {
    SecretCipher a = SecretCipher.fromKeyFile(dir.resolve("a"));
    SecretCipher b = SecretCipher.fromKeyFile(dir.resolve("b"));
    String sealed = a.encrypt("s", "c");
    if (!a.activeKeyId().equals(b.activeKeyId())) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> b.decrypt(sealed, "c"));
      assertTrue(e.getMessage().contains(a.activeKeyId()));
    } else {
      assertThrows(IllegalArgumentException.class, () -> b.decrypt(sealed, "c"));
    }
  }

  @Test
  void malformedKeyFileFailsWithItsName() throws Exception {
    Path keys = dir.resolve("bad");
    Files.writeString(keys, "k1=notbase64ofthirtytwobytes\n");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SecretCipher.fromKeyFile(keys));
    assertTrue(e.getMessage().contains(keys.toString()));
  }
}
