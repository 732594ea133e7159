package io.sendense.webapp.plugin;

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

class ConfigCodecTest {
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
    String json = ConfigCodec.publicJson(FORM, config);
    assertEquals(Map.of("host", "nas", "share", "backup"), ConfigCodec.parse(json));
    String sealed = ConfigCodec.sealedSecrets(FORM, config, cipher, "repository/7/secrets");
    assertFalse(sealed.contains("s3cr"));
    assertEquals(config, ConfigCodec.open(json, sealed, cipher, "repository/7/secrets"));
  }

  @Test
  void sealedSecretsAreBoundToTheirRepository() {
    SecretCipher cipher = SecretCipher.fromKeyFile(dir.resolve("keys"));
    Configuration config = Configuration.of(Map.of("host", "nas", "password", "p"));
    String sealed = ConfigCodec.sealedSecrets(FORM, config, cipher, "repository/7/secrets");
    assertThrows(
        IllegalArgumentException.class,
        () -> ConfigCodec.open("{}", sealed, cipher, "repository/8/secrets"));
  }

  @Test
  void noSecretGivenMeansNothingSealed() {
    SecretCipher cipher = SecretCipher.fromKeyFile(dir.resolve("keys"));
    assertNull(
        ConfigCodec.sealedSecrets(
            FORM, Configuration.of(Map.of("host", "nas")), cipher, "repository/1/secrets"));
  }
}
