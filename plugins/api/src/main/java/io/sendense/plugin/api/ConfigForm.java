package io.sendense.plugin.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration form of an extension, as an ordered list of {@link ConfigField}s.
 *
 * <p>The UI renders it field by field; the hub uses {@link #validate(Configuration)} for the checks
 * every form needs (required fields, types) and {@link #withDefaults(Configuration)} before handing
 * a configuration to the plugin.
 *
 * @param fields the inputs, in display order; names are unique
 */
public record ConfigForm(List<ConfigField> fields) {

  public ConfigForm {
    fields = List.copyOf(fields);
    Set<String> seen = new HashSet<>();
    for (ConfigField field : fields) {
      if (!seen.add(field.name())) {
        throw new IllegalArgumentException("Field '" + field.name() + "' appears twice");
      }
    }
  }

  /** A form with the given fields in this order. */
  public static ConfigForm of(ConfigField... fields) {
    return new ConfigForm(List.of(fields));
  }

  /** The field with this name, if the form has one. */
  public Optional<ConfigField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Names of the secret fields, which must never be logged or sent back to a browser. */
  public Set<String> secretFieldNames() {
    Set<String> names = new HashSet<>();
    fields.stream().filter(ConfigField::secret).forEach(f -> names.add(f.name()));
    return names;
  }

  /** A copy of the configuration where every absent field that has a default gets it. */
  public Configuration withDefaults(Configuration configuration) {
    Map<String, String> values = new LinkedHashMap<>(configuration.asMap());
    for (ConfigField field : fields) {
      if (configuration.get(field.name()).isEmpty() && field.defaultValue() != null) {
        values.put(field.name(), field.defaultValue());
      }
    }
    return Configuration.of(values);
  }

  /**
   * Checks what can be checked from the form alone: required fields present, values of the right
   * type, no unknown fields.
   *
   * @return the problems found, empty if none
   */
  public List<ConfigProblem> validate(Configuration configuration) {
    Objects.requireNonNull(configuration, "configuration");
    List<ConfigProblem> problems = new ArrayList<>();
    for (ConfigField field : fields) {
      Optional<String> value = configuration.get(field.name());
      if (value.isEmpty()) {
        if (field.required() && field.defaultValue() == null) {
          problems.add(ConfigProblem.of(field.name(), field.label() + " is required"));
        }
        continue;
      }
      String problem = field.type().problemWith(value.get().trim());
      if (problem != null) {
        String shown = field.secret() ? "must be valid" : problem;
        problems.add(ConfigProblem.of(field.name(), field.label() + " " + shown));
      }
    }
    for (String name : configuration.names()) {
      if (field(name).isEmpty()) {
        problems.add(ConfigProblem.of(name, "is not a field of this form"));
      }
    }
    return problems;
  }
}
