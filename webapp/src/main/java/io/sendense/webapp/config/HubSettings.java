package io.sendense.webapp.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
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

  // MicroProfile Config treats an empty default as "no value", hence Optional.
  @Inject
  @ConfigProperty(name = "sendense.plugins.dir")
  Optional<String> pluginsDir;

  @Inject
  @ConfigProperty(name = "sendense.secrets.dir")
  Optional<String> secretsDir;

  @Inject
  @ConfigProperty(name = "sendense.repository.local.dir")
  Optional<String> localRepositoryDir;

  /** Folder of the local repository the hub registers on its first start. */
  public Path localRepositoryDir() {
    return localRepositoryDir
        .filter(d -> !d.isBlank())
        .map(Path::of)
        .orElse(dataDir().resolve("repository"));
  }

  public Path dataDir() {
    return Path.of(dataDir).toAbsolutePath();
  }

  public Path pluginsDir() {
    return pluginsDir.filter(d -> !d.isBlank()).map(Path::of).orElse(dataDir().resolve("plugins"));
  }

  /** Owner-only folder for the catalog key and the first admin password. */
  public Path secretsDir() {
    return secretsDir.filter(d -> !d.isBlank()).map(Path::of).orElse(dataDir().resolve("secrets"));
  }
}
