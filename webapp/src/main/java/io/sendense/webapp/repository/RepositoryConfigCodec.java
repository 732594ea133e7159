package io.sendense.webapp.repository;

import io.sendense.plugin.api.ConfigForm;
import io.sendense.plugin.api.Configuration;
import io.sendense.webapp.security.SecretCipher;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits a repository's configuration into what may be shown (config JSON) and what may not (the
 * form's secret fields, encrypted as one JSON object bound to the repository's id).
 */
final class RepositoryConfigCodec {
  private RepositoryConfigCodec() {}

  static String publicJson(ConfigForm form, Configuration config) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    config.asMap().entrySet().stream()
        .filter(e -> !form.secretFieldNames().contains(e.getKey()))
        .forEach(e -> json.add(e.getKey(), e.getValue()));
    return json.build().toString();
  }

  /** The encrypted secret fields, or null when the form has none set. */
  static String sealedSecrets(ConfigForm form, Configuration config, SecretCipher cipher, long id) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    int count = 0;
    for (String name : form.secretFieldNames()) {
      if (config.get(name).isPresent()) {
        json.add(name, config.get(name).get());
        count++;
      }
    }
    return count == 0 ? null : cipher.encrypt(json.build().toString(), context(id));
  }

  /** The full configuration, secrets decrypted, as the plugin needs it. */
  static Configuration open(String publicJson, String sealed, SecretCipher cipher, long id) {
    Map<String, String> values = new LinkedHashMap<>(parse(publicJson));
    if (sealed != null) {
      values.putAll(parse(cipher.decrypt(sealed, context(id))));
    }
    return Configuration.of(values);
  }

  static Map<String, String> parse(String json) {
    Map<String, String> values = new LinkedHashMap<>();
    if (json == null || json.isBlank()) {
      return values;
    }
    JsonObject object = Json.createReader(new StringReader(json)).readObject();
    object.forEach(
        (k, v) -> values.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
    return values;
  }

  private static String context(long id) {
    return "repository/" + id + "/secrets";
  }
}
