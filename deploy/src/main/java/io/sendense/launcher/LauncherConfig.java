package io.sendense.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The launcher's configuration: built-in defaults, then the properties file, then environment
 * variables ({@code sendense.http.port} is {@code SENDENSE_HTTP_PORT}), then {@code -D} system
 * properties; the later wins. See docs/configuration.md for every key.
 */
public final class LauncherConfig {
  static final Map<String, String> DEFAULTS =
      Map.of(
          "sendense.data.dir", "data",
          "sendense.http.address", "127.0.0.1",
          "sendense.http.port", "8080",
          "sendense.db.url", "",
          "sendense.db.user", "sendense",
          "sendense.db.password", "",
          "sendense.db.embedded.port", "3307",
          "sendense.hub.heap", "768m",
          "sendense.jobs.resume-after-crash", "true");

  private final Properties values;

  private LauncherConfig(Properties values) {
    this.values = values;
  }

  /**
   * Loads the configuration. {@code file} may be null or missing (defaults are then used), but a
   * file that exists and cannot be read is an error.
   */
  public static LauncherConfig load(Path file, Map<String, String> env, Properties system) {
    Properties p = new Properties();
    p.putAll(DEFAULTS);
    if (file != null && Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file)) {
        Properties fromFile = new Properties();
        fromFile.load(reader);
        fromFile.forEach((k, v) -> p.put(k, v.toString().strip()));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read configuration file " + file, e);
      }
    }
    for (String key : p.stringPropertyNames()) {
      String fromEnv = env.get(envName(key));
      if (fromEnv != null) {
        p.put(key, fromEnv);
      }
    }
    system.stringPropertyNames().stream()
        .filter(k -> k.startsWith("sendense."))
        .forEach(k -> p.put(k, system.getProperty(k)));
    LauncherConfig config = new LauncherConfig(p);
    config.validate();
    return config;
  }

  /** {@code sendense.http.port} becomes {@code SENDENSE_HTTP_PORT}. */
  static String envName(String key) {
    return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private void validate() {
    port("sendense.http.port");
    port("sendense.db.embedded.port");
    if (!embeddedDatabase() && !get("sendense.db.url").startsWith("jdbc:mariadb://")) {
      throw new IllegalArgumentException(
          "sendense.db.url must be a MariaDB JDBC URL (jdbc:mariadb://host:port/schema), got: "
              + get("sendense.db.url"));
    }
  }

  /** Prefixes of the settings the hub reads itself rather than the launcher. */
  private static final List<String> HUB_PREFIXES =
      List.of(
          "sendense.jobs.",
          "sendense.restore.",
          "sendense.session.",
          "sendense.auth.",
          "sendense.login.",
          "sendense.tokens.");

  /**
   * Settings the hub reads itself (job limits, restore sessions, sessions, login throttle, token
   * validity: {@code sendense.jobs.*}, {@code sendense.restore.*}, {@code sendense.session.*},
   * {@code sendense.auth.*}, {@code sendense.login.*}, {@code sendense.tokens.*}), as {@code -D}
   * options for its process; values from the file and {@code -D} reach it this way, values from the
   * environment also by inheritance.
   */
  public List<String> hubOptions() {
    return values.stringPropertyNames().stream()
        .filter(k -> HUB_PREFIXES.stream().anyMatch(k::startsWith))
        .sorted()
        .map(k -> "-D" + k + "=" + values.getProperty(k))
        .toList();
  }

  public String get(String key) {
    return values.getProperty(key, "");
  }

  /** A port number from {@code key}, with an error that names the key if it is not one. */
  public int port(String key) {
    String raw = get(key);
    try {
      int port = Integer.parseInt(raw.strip());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + " must be a port number between 1 and 65535, got: '" + raw + "'");
    }
  }

  public boolean embeddedDatabase() {
    return get("sendense.db.url").isBlank();
  }

  public Path dataDir() {
    return Path.of(get("sendense.data.dir")).toAbsolutePath().normalize();
  }

  public Path pluginsDir() {
    String dir = get("sendense.plugins.dir");
    return dir.isBlank() ? dataDir().resolve("plugins") : Path.of(dir).toAbsolutePath();
  }

  public Path localRepositoryDir() {
    String dir = get("sendense.repository.local.dir");
    return dir.isBlank() ? dataDir().resolve("repository") : Path.of(dir).toAbsolutePath();
  }

  public Path secretsDir() {
    return dataDir().resolve("secrets");
  }
}
