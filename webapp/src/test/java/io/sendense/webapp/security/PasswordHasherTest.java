package io.sendense.webapp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(1000);

  @Test
  void verifiesTheRightPasswordAndRejectsOthers() {
    String hash = hasher.hash("correct horse".toCharArray());
    assertTrue(hasher.verify("correct horse".toCharArray(), hash));
    assertFalse(hasher.verify("correct horse ".toCharArray(), hash));
    assertFalse(hasher.verify("".toCharArray(), hash));
  }

  @Test
  void sameSecretHashesDifferentlyEachTimeBecauseOfTheSalt() {
    String a = hasher.hash("secret".toCharArray());
    String b = hasher.hash("secret".toCharArray());
    assertNotEquals(a, b);
    assertEquals(4, a.split("\\$").length);
    assertTrue(a.startsWith("pbkdf2-sha256$1000$"));
  }

  @Test
  void malformedOrForeignHashesNeverMatch() {
    assertFalse(hasher.verify("x".toCharArray(), null));
    assertFalse(hasher.verify("x".toCharArray(), "plain"));
    assertFalse(hasher.verify("x".toCharArray(), "md5$1000$abc$def"));
    assertFalse(hasher.verify("x".toCharArray(), "pbkdf2-sha256$10$AAAA$AAAA"));
    assertFalse(hasher.verify("x".toCharArray(), "pbkdf2-sha256$1000$!!$??"));
  }

  @Test
  void weakerHashesAreFlaggedForRehash() {
    String old = new PasswordHasher(1000).hash("p".toCharArray());
    assertTrue(new PasswordHasher(2000).needsRehash(old));
    assertFalse(new PasswordHasher(1000).needsRehash(old));
  }

  @Test
  void standardStrengthFollowsCurrentGuidance() {
    assertTrue(
        PasswordHasher.standard().hash("p".toCharArray()).startsWith("pbkdf2-sha256$600000$"));
  }
}
