package io.sendense.plugin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigFormTest {

  private final ConfigForm form =
      ConfigForm.of(
          ConfigField.required("host", "Host", FieldType.HOST, "Server name"),
          ConfigField.optional("port", "Port", FieldType.PORT, "445", "SMB port"),
          ConfigField.secret("password", "Password", true, "Account password"));

  @Test
  void missingRequiredFieldsAreReportedByLabel() {
    List<ConfigProblem> problems = form.validate(Configuration.empty());

    assertEquals(
        List.of(
            ConfigProblem.of("host", "Host is required"),
            ConfigProblem.of("password", "Password is required")),
        problems);
  }

  @Test
  void wrongTypesAndUnknownFieldsAreReported() {
    Configuration config =
        Configuration.of(Map.of("host", "a b", "port", "70000", "password", "x", "extra", "1"));

    List<String> problems = form.validate(config).stream().map(ConfigProblem::field).toList();

    assertEquals(Set.of("host", "port", "extra"), Set.copyOf(problems));
  }

  @Test
  void defaultsFillOnlyAbsentFields() {
    Configuration config = Configuration.of(Map.of("host", "nas", "password", "s3cret"));

    Configuration filled = form.withDefaults(config);

    assertEquals("445", filled.require("port"));
    assertEquals("nas", filled.require("host"));
    assertEquals(List.of(), form.validate(filled));
  }

  @Test
  void toStringNeverShowsValues() {
    Configuration config = Configuration.of(Map.of("password", "s3cret"));

    assertFalse(config.toString().contains("s3cret"));
    assertEquals(Set.of("password"), form.secretFieldNames());
  }

  @Test
  void duplicateFieldNamesAreRefused() {
    ConfigField host = ConfigField.required("host", "Host", FieldType.HOST, "");

    assertThrows(IllegalArgumentException.class, () -> ConfigForm.of(host, host));
  }

  @Test
  void typedGettersNameTheFieldOnBadValues() {
    Configuration config = Configuration.of(Map.of("quota", "ten"));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> config.getLong("quota", 0));
    assertEquals("Field 'quota' must be a whole number, got 'ten'", e.getMessage());
    assertEquals(7, Configuration.empty().getLong("quota", 7));
  }
}
