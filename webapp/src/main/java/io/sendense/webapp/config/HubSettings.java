package io.sendense.webapp.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Folders and switches the hub reads from MicroProfile Config: system properties (set by the
 * launcher from sendense.properties), environment variables such as SENDENSE_DATA_DIR, or the
 * server's own configuration on any other Jakarta EE server.
 */
@ApplicationScoped
public class HubSettings {
  @Inject
  @ConfigProperty(name = "sendense.data.dir", defaultValue = "data")
  String dataDir;

  @Inject
  @ConfigProperty(name = "sendense.plugins.dir", defaultValue = "")
  String pluginsDir;

  @Inject
  @ConfigProperty(name = "sendense.secrets.dir", defaultValue = "")
  String secretsDir;

  public Path dataDir() {
    return Path.of(dataDir).toAbsolutePath();
  }

  public Path pluginsDir() {
    return pluginsDir.isBlank() ? dataDir().resolve("plugins") : Path.of(pluginsDir);
  }

  /** Owner-only folder for the catalog key and the first admin password. */
  public Path secretsDir() {
    return secretsDir.isBlank() ? dataDir().resolve("secrets") : Path.of(secretsDir);
  }
}
