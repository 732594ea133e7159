package io.sendense.plugin.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One input of an extension's configuration form, described as data so that the UI and the REST API
 * can render and check forms without knowing the plugin.
 *
 * @param name key of the value in {@link Configuration}; lower camel case, unique in its form
 * @param label short text shown next to the input
 * @param type kind of value, chooses the widget and the check
 * @param required whether a value must be given (a default counts as given)
 * @param secret whether the value is a secret (password, key): masked in the UI, never logged,
 *     never sent back to a browser, stored encrypted by the hub
 * @param defaultValue value used when none is entered, or {@code null} for none
 * @param help one or two sentences saying what to enter, shown as a hint
 */
public record ConfigField(
    String name,
    String label,
    FieldType type,
    boolean required,
    boolean secret,
    String defaultValue,
    String help) {

  public ConfigField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(type, "type");
    help = help == null ? "" : help;
    if (!name.matches("[a-z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException(
          "Field name '" + name + "' must be lower camel case (letters and digits)");
    }
    if (defaultValue != null && type.problemWith(defaultValue) != null) {
      throw new IllegalArgumentException(
          "Default of field '" + name + "' " + type.problemWith(defaultValue));
    }
  }

  /** A required text field without default. */
  public static ConfigField required(String name, String label, FieldType type, String help) {
    return new ConfigField(name, label, type, true, false, null, help);
  }

  /** An optional field with a default (which may be {@code null}). */
  public static ConfigField optional(
      String name, String label, FieldType type, String defaultValue, String help) {
    return new ConfigField(name, label, type, false, false, defaultValue, help);
  }

  /** A secret field (password, key), masked in the UI and never logged. */
  public static ConfigField secret(String name, String label, boolean required, String help) {
    return new ConfigField(name, label, FieldType.TEXT, required, true, null, help);
  }

  /** The default value, if there is one. */
  public Optional<String> defaultValueIfAny() {
    return Optional.ofNullable(defaultValue);
  }
}
