package io.sendense.plugin.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The values an administrator entered into an extension's {@link ConfigForm}, as an immutable map
 * from field name to text.
 *
 * <p>Values are kept as text so that forms, the REST API and storage need no knowledge of the
 * plugin; typed getters parse them and fail with a message naming the field. {@link #toString()}
 * shows field names only, so a configuration can be logged without leaking secrets.
 */
public final class Configuration {

  private static final Configuration EMPTY = new Configuration(Map.of());

  private final Map<String, String> values;

  private Configuration(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** A configuration holding a copy of the given values; {@code null} values are not allowed. */
  public static Configuration of(Map<String, String> values) {
    values.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, "field name");
          Objects.requireNonNull(v, () -> "value of field '" + k + "'");
        });
    return new Configuration(values);
  }

  /** A configuration without values. */
  public static Configuration empty() {
    return EMPTY;
  }

  /** The value of a field, if one was entered and it is not blank. */
  public Optional<String> get(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /**
   * The value of a field that must be present.
   *
   * @throws IllegalArgumentException naming the field if it is missing or blank
   */
  public String require(String name) {
    return get(name)
        .orElseThrow(() -> new IllegalArgumentException("Field '" + name + "' is required"));
  }

  /** A whole-number field, or {@code fallback} if absent. */
  public long getLong(String name, long fallback) {
    Optional<String> value = get(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.get().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Field '" + name + "' must be a whole number, got '" + value.get() + "'", e);
    }
  }

  /** A true/false field, or {@code fallback} if absent. */
  public boolean getBoolean(String name, boolean fallback) {
    return get(name).map(v -> Boolean.parseBoolean(v.trim())).orElse(fallback);
  }

  /** Names of all fields that have a value. */
  public Set<String> names() {
    return values.keySet();
  }

  /** All values as an unmodifiable map (contains secrets: never log it). */
  public Map<String, String> asMap() {
    return values;
  }

  /** A copy with one value added or replaced. */
  public Configuration with(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return of(copy);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Configuration c && c.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** Field names only; values are left out because some of them are secrets. */
  @Override
  public String toString() {
    return "Configuration" + values.keySet();
  }
}
