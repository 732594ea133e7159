package io.sendense.webapp.bootstrap;

import io.sendense.webapp.config.HubSettings;
import io.sendense.webapp.user.PasswordChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The first admin's generated password lives in {@code <secrets>/initial-admin-password} only until
 * that admin chooses their own: the file is deleted once the change is committed.
 */
@ApplicationScoped
public class InitialPassword {
  static final String FILE = "initial-admin-password";
  private static final Logger LOG = Logger.getLogger(InitialPassword.class.getName());

  @Inject HubSettings settings;

  public Path file() {
    return settings.secretsDir().resolve(FILE);
  }

  void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) PasswordChanged changed) {
    if (!"admin".equalsIgnoreCase(changed.username())) {
      return;
    }
    try {
      if (Files.deleteIfExists(file())) {
        LOG.info(() -> "The first admin chose a password; " + file() + " was deleted");
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not delete " + file() + "; delete it by hand", e);
    }
  }
}
