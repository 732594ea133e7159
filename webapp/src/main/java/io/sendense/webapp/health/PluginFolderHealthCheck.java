package io.sendense.webapp.health;

import io.sendense.webapp.config.HubSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Plugins are loaded from a folder; without it no source or storage type exists. */
@Readiness
@ApplicationScoped
public class PluginFolderHealthCheck implements HealthCheck {
  @Inject HubSettings settings;

  @Override
  public HealthCheckResponse call() {
    Path folder = settings.pluginsDir();
    boolean ok = Files.isDirectory(folder) && Files.isReadable(folder);
    return HealthCheckResponse.named("plugin-folder")
        .status(ok)
        .withData("path", folder.toString())
        .withData("readable", ok)
        .build();
  }
}
