package io.sendense.webapp.plugin;

import io.sendense.plugin.api.ConfigProblem;
import io.sendense.plugin.api.ConfigurableExtension;
import io.sendense.plugin.api.Configuration;
import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    Set<String> secrets = type.configForm().secretFieldNames();
    boolean sameEndpoint = sameEndpoint(type, values, stored);
    for (String secret : secrets) {
      if (values.getOrDefault(secret, "").isBlank() && stored.containsKey(secret)) {
        if (!sameEndpoint) {
          throw new Refusal(
              400,
              "Enter config."
                  + secret
                  + " again: a stored secret is kept only for the same server and account, and "
                  + String.join(", ", changedEndpoint(type, values, stored))
                  + " changed");
        }
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

  /**
   * Fields that say where a secret goes and whom it is trusted to: a stored password may be reused
   * only while none of them changes, or anyone allowed to edit the record could send it to a server
   * (or a certificate) of their choice.
   */
  static final Set<String> ENDPOINT =
      Set.of(
          "host",
          "port",
          "share",
          "export",
          "username",
          "user",
          "domain",
          "server",
          "url",
          "certificateMode",
          "thumbprint");

  private static boolean sameEndpoint(
      ConfigurableExtension type, Map<String, String> given, Map<String, String> stored) {
    return changedEndpoint(type, given, stored).isEmpty();
  }

  private static List<String> changedEndpoint(
      ConfigurableExtension type, Map<String, String> given, Map<String, String> stored) {
    Map<String, String> now = type.configForm().withDefaults(Configuration.of(given)).asMap();
    Map<String, String> before = type.configForm().withDefaults(Configuration.of(stored)).asMap();
    return ENDPOINT.stream()
        .filter(f -> !java.util.Objects.equals(trim(now.get(f)), trim(before.get(f))))
        .sorted()
        .map(f -> "config." + f)
        .toList();
  }

  private static String trim(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
