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
      Map.ofEntries(
          Map.entry("sendense.data.dir", "data"),
          Map.entry("sendense.http.address", "127.0.0.1"),
          Map.entry("sendense.http.port", "8080"),
          Map.entry("sendense.http.allow-insecure-remote", "false"),
          Map.entry("sendense.http.tls.port", ""),
          Map.entry("sendense.http.tls.address", ""),
          Map.entry("sendense.http.tls.keystore", ""),
          Map.entry("sendense.http.tls.keystore-password", ""),
          Map.entry("sendense.http.tls.alias", ""),
          Map.entry("sendense.db.url", ""),
          Map.entry("sendense.db.user", "sendense"),
          Map.entry("sendense.db.password", ""),
          Map.entry("sendense.db.embedded.port", "3307"),
          Map.entry("sendense.hub.heap", "768m"),
          Map.entry("sendense.log.dir", ""),
          Map.entry("sendense.log.max-mib", "10"),
          Map.entry("sendense.log.files", "5"),
          Map.entry("sendense.jobs.resume-after-crash", "true"));

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
    String address = get("sendense.http.address");
    if (!TlsSettings.loopback(address)
        && !Boolean.parseBoolean(get("sendense.http.allow-insecure-remote"))) {
      throw new IllegalArgumentException(
          "sendense.http.address="
              + address
              + " would send passwords and session cookies in clear text beyond this machine."
              + " Keep it on 127.0.0.1 and open the TLS listener for remote access"
              + " (sendense.http.tls.port, .keystore, .keystore-password; see"
              + " docs/configuration.md), or set sendense.http.allow-insecure-remote=true if a TLS"
              + " proxy on a trusted network is the only way in");
    }
    tls();
    positive("sendense.log.max-mib");
    positive("sendense.log.files");
    if (!embeddedDatabase() && !get("sendense.db.url").startsWith("jdbc:mariadb://")) {
      throw new IllegalArgumentException(
          "sendense.db.url must be a MariaDB JDBC URL (jdbc:mariadb://host:port/schema), got: "
              + get("sendense.db.url"));
    }
  }

  /** Keys only the launcher reads, or passes to the hub in its own way. */
  private static final List<String> LAUNCHER_ONLY =
      List.of(
          "sendense.db.",
          "sendense.http.",
          "sendense.log.",
          "sendense.hub.",
          "sendense.data.dir",
          "sendense.plugins.dir",
          "sendense.repository.local.dir",
          "sendense.home",
          "sendense.config");

  /** Launcher keys the hub reads too. */
  private static final List<String> SHARED = List.of("sendense.http.secure-cookies");

  /**
   * Every other {@code sendense.*} setting (job limits, restore sessions, scheduler catch-up,
   * dashboard thresholds, ...) as a {@code -D} option for the hub's process, so a value from the
   * file, the environment or {@code -D} reaches the hub whatever the key. Database settings never
   * go on a command line: they hold the password.
   */
  public List<String> hubOptions() {
    return values.stringPropertyNames().stream()
        .filter(k -> k.startsWith("sendense."))
        .filter(k -> SHARED.contains(k) || LAUNCHER_ONLY.stream().noneMatch(k::startsWith))
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

  /** The HTTPS listener, if {@code sendense.http.tls.port} is set (checked at load). */
  public java.util.Optional<TlsSettings> tls() {
    return TlsSettings.of(this);
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

  /** Where the hub's log goes: {@code sendense.log.dir}, else {@code <data>/logs}. */
  public Path logDir() {
    String dir = get("sendense.log.dir");
    return dir.isBlank() ? dataDir().resolve("logs") : Path.of(dir).toAbsolutePath();
  }

  /** A whole number above zero from {@code key}, with an error that names the key. */
  public long positive(String key) {
    try {
      long value = Long.parseLong(get(key).strip());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(key + " must be a whole number above 0, got: " + get(key));
  }

  public Path secretsDir() {
    return dataDir().resolve("secrets");
  }
}
