package io.sendense.webapp.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.common.CatalogEntity;
import io.sendense.persistence.repository.Repository;
import io.sendense.webapp.security.SecretCipher;
import java.lang.reflect.Field;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryKeysTest {
  @TempDir Path dir;

  @Test
  void aNewPassphraseIsRandomSealedToItsRowAndOnlyUnsealedThere() throws Exception {
    SecretCipher cipher = SecretCipher.fromKeyFile(dir.resolve("catalog.keys"));
    Repository seven = repository(7, RepositoryKeys.sealNew(cipher, 7));
    String passphrase = RepositoryKeys.reveal(cipher, seven);
    assertEquals(43, passphrase.length());
    assertTrue(passphrase.matches("[A-Za-z0-9_-]{43}"), passphrase);
    assertFalse(seven.getEncryptionPassphrase().contains(passphrase));
    assertEquals("Passphrase[redacted]", RepositoryKeys.open(cipher, seven).toString());
    assertNotEquals(
        passphrase,
        RepositoryKeys.reveal(cipher, repository(8, RepositoryKeys.sealNew(cipher, 8))));

    Repository copied = repository(9, seven.getEncryptionPassphrase());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> RepositoryKeys.reveal(cipher, copied));
    assertFalse(e.getMessage().contains(passphrase));
    assertTrue(e.getMessage().contains("cannot be unsealed"), e.getMessage());
    assertNull(RepositoryKeys.open(cipher, repository(10, null)));
  }

  private static Repository repository(long id, String sealed) throws Exception {
    Repository r = new Repository();
    Field field = CatalogEntity.class.getDeclaredField("id");
    field.setAccessible(true);
    field.set(r, id);
    r.setName("r" + id);
    r.setEncryptionPassphrase(sealed);
    return r;
  }
}
