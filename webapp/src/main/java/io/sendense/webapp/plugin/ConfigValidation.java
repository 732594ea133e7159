package io.sendense.webapp.plugin;

import io.sendense.plugin.api.ConfigProblem;
import io.sendense.plugin.api.ConfigurableExtension;
import io.sendense.plugin.api.Configuration;
import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Validates what a user submitted for a plugin's form, the same way for every extension. */
public final class ConfigValidation {
  private ConfigValidation() {}

  /**
   * The configuration to hand the plugin: submitted values, stored secrets where a secret field was
   * left blank, and the form's defaults.
   *
   * @throws Refusal (400) listing every problem the form and the plugin found
   */
  public static Configuration validated(
      ConfigurableExtension type, Map<String, String> given, Map<String, String> stored) {
    Map<String, String> values = new LinkedHashMap<>(given == null ? Map.of() : given);
    if (values.size() > 100) {
      throw new Refusal(400, "config has " + values.size() + " fields; a form has far fewer");
    }
    values.forEach(
        (k, v) -> Fields.atMost("config." + Fields.atMost("config field name", k, 128), v, 4096));
    values.values().removeIf(v -> v == null);
    for (String secret : type.configForm().secretFieldNames()) {
      if (values.getOrDefault(secret, "").isBlank() && stored.containsKey(secret)) {
        values.put(secret, stored.get(secret));
      }
    }
    Configuration config = type.configForm().withDefaults(Configuration.of(values));
    List<ConfigProblem> problems = type.validate(config);
    if (!problems.isEmpty()) {
      throw new Refusal(
          400, problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
    }
    return config;
  }
}
