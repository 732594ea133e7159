package io.sendense.webapp.bootstrap;

import io.sendense.persistence.settings.SettingStore;
import io.sendense.webapp.repository.RepositoryRequest;
import io.sendense.webapp.repository.RepositoryService;
import io.sendense.webapp.security.SystemCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a fresh hub offers without any set-up: a local repository in the data folder. Done once; an
 * admin who deletes it does not get it back on the next start.
 */
@ApplicationScoped
public class FirstStartDefaults {
  static final String MARKER = "bootstrap.local-repository";
  private static final Logger LOG = Logger.getLogger(FirstStartDefaults.class.getName());

  @Inject SettingStore settings;
  @Inject RepositoryService repositories;

  @Transactional
  public void registerLocalRepositoryOnce(Path folder) {
    if (settings.get(MARKER).isPresent()) {
      return;
    }
    try {
      Files.createDirectories(folder);
      SystemCaller.run(
          () ->
              repositories.create(
                  new RepositoryRequest(
                      "Local", "local", Map.of("path", folder.toString()), true, false, 0)));
      settings.put(MARKER, folder.toString());
      LOG.info(() -> "Registered the local repository 'Local' in " + folder);
    } catch (IOException | RuntimeException e) {
      // Without the local plugin the hub still runs; the admin sees no repository and can add one.
      LOG.log(Level.WARNING, "Could not register the default local repository in " + folder, e);
    }
  }
}
