package io.sendense.webapp.plugin;

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
 * Splits a plugin configuration into what may be shown (config JSON) and what may not (the form's
 * secret fields, encrypted as one JSON object bound to its record, such as {@code
 * repository/12/secrets}).
 */
public final class ConfigCodec {
  private ConfigCodec() {}

  public static String publicJson(ConfigForm form, Configuration config) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    config.asMap().entrySet().stream()
        .filter(e -> !form.secretFieldNames().contains(e.getKey()))
        .forEach(e -> json.add(e.getKey(), e.getValue()));
    return json.build().toString();
  }

  /** The encrypted secret fields, or null when the form has none set. */
  public static String sealedSecrets(
      ConfigForm form, Configuration config, SecretCipher cipher, String context) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    int count = 0;
    for (String name : form.secretFieldNames()) {
      if (config.get(name).isPresent()) {
        json.add(name, config.get(name).get());
        count++;
      }
    }
    return count == 0 ? null : cipher.encrypt(json.build().toString(), context);
  }

  /** The full configuration, secrets decrypted, as the plugin needs it. */
  public static Configuration open(
      String publicJson, String sealed, SecretCipher cipher, String context) {
    Map<String, String> values = new LinkedHashMap<>(parse(publicJson));
    if (sealed != null) {
      values.putAll(parse(cipher.decrypt(sealed, context)));
    }
    return Configuration.of(values);
  }

  public static Map<String, String> parse(String json) {
    Map<String, String> values = new LinkedHashMap<>();
    if (json == null || json.isBlank()) {
      return values;
    }
    JsonObject object = Json.createReader(new StringReader(json)).readObject();
    object.forEach(
        (k, v) -> values.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
    return values;
  }
}
