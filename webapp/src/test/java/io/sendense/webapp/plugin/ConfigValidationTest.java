package io.sendense.webapp.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.ConfigField;
import io.sendense.plugin.api.ConfigForm;
import io.sendense.plugin.api.ConfigurableExtension;
import io.sendense.plugin.api.FieldType;
import io.sendense.webapp.common.Refusal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {
  private static final ConfigurableExtension SHARE =
      new ConfigurableExtension() {
        @Override
        public String typeId() {
          return "test-share";
        }

        @Override
        public String displayName() {
          return "Test share";
        }

        @Override
        public ConfigForm configForm() {
          return ConfigForm.of(
              ConfigField.required("host", "Host", FieldType.HOST, ""),
              ConfigField.optional("port", "Port", FieldType.INTEGER, "445", ""),
              ConfigField.required("share", "Share", FieldType.TEXT, ""),
              ConfigField.required("username", "User", FieldType.TEXT, ""),
              ConfigField.optional("timeoutSeconds", "Timeout", FieldType.INTEGER, "30", ""),
              ConfigField.secret("password", "Password", true, ""));
        }
      };

  private static final Map<String, String> STORED =
      Map.of(
          "host",
          "nas.example",
          "port",
          "445",
          "share",
          "backup",
          "username",
          "svc",
          "timeoutSeconds",
          "30",
          "password",
          "stored-secret");

  @Test
  void aBlankSecretKeepsTheStoredOneForTheSameServerAndAccount() {
    var config =
        ConfigValidation.validated(
            SHARE,
            Map.of(
                "host",
                "nas.example",
                "share",
                "backup",
                "username",
                "svc",
                "timeoutSeconds",
                "60",
                "password",
                ""),
            STORED);
    assertEquals("stored-secret", config.get("password").orElseThrow());
    assertEquals("60", config.get("timeoutSeconds").orElseThrow());
  }

  @Test
  void aBlankSecretIsNotSentToAnotherHostPortShareOrUser() {
    for (Map.Entry<String, String> change :
        Map.of("host", "evil.example", "port", "4445", "share", "other", "username", "root")
            .entrySet()) {
      Map<String, String> given =
          new java.util.HashMap<>(
              Map.of("host", "nas.example", "share", "backup", "username", "svc", "password", ""));
      given.put(change.getKey(), change.getValue());
      Refusal refused =
          assertThrows(Refusal.class, () -> ConfigValidation.validated(SHARE, given, STORED));
      assertEquals(400, refused.status());
      assertTrue(refused.getMessage().contains("config.password"), refused.getMessage());
      assertTrue(refused.getMessage().contains("config." + change.getKey()), refused.getMessage());
    }
  }

  @Test
  void overlongValuesAreRefusedNamingTheField() {
    Refusal refused =
        assertThrows(
            Refusal.class,
            () ->
                ConfigValidation.validated(
                    SHARE, Map.of("host", "h".repeat(5000), "share", "s"), Map.of()));
    assertTrue(refused.getMessage().contains("config.host"), refused.getMessage());
  }
}
