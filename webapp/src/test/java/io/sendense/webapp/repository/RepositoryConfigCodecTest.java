package io.sendense.webapp.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.plugin.api.ConfigField;
import io.sendense.plugin.api.ConfigForm;
import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.FieldType;
import io.sendense.webapp.security.SecretCipher;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryConfigCodecTest {
  private static final ConfigForm FORM =
      ConfigForm.of(
          ConfigField.required("host", "Host", FieldType.HOST, ""),
          ConfigField.required("share", "Share", FieldType.TEXT, ""),
          ConfigField.secret("password", "Password", true, ""));

  @TempDir Path dir;

  @Test
  void secretsNeverReachThePublicJsonAndComeBackDecrypted() {
    SecretCipher cipher = SecretCipher.fromKeyFile(dir.resolve("keys"));
    Configuration config =
        Configuration.of(Map.of("host", "nas", "share", "backup", "password", "s3cr\"et"));
    String json = RepositoryConfigCodec.publicJson(FORM, config);
    assertEquals(Map.of("host", "nas", "share", "backup"), RepositoryConfigCodec.parse(json));
    String sealed = RepositoryConfigCodec.sealedSecrets(FORM, config, cipher, 7);
    assertFalse(sealed.contains("s3cr"));
    assertEquals(config, RepositoryConfigCodec.open(json, sealed, cipher, 7));
  }

  @Test
  void sealedSecretsAreBoundToTheirRepository() {
    SecretCipher cipher = SecretCipher.fromKeyFile(dir.resolve("keys"));
    Configuration config = Configuration.of(Map.of("host", "nas", "password", "p"));
    String sealed = RepositoryConfigCodec.sealedSecrets(FORM, config, cipher, 7);
    assertThrows(
        IllegalArgumentException.class, () -> RepositoryConfigCodec.open("{}", sealed, cipher, 8));
  }

  @Test
  void noSecretGivenMeansNothingSealed() {
    SecretCipher cipher = SecretCipher.fromKeyFile(dir.resolve("keys"));
    assertNull(
        RepositoryConfigCodec.sealedSecrets(
            FORM, Configuration.of(Map.of("host", "nas")), cipher, 1));
  }
}
