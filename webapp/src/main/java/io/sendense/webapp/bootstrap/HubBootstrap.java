package io.sendense.webapp.bootstrap;

import io.sendense.persistence.migration.CatalogMigrator;
import io.sendense.webapp.config.HubSettings;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.security.Secrets;
import io.sendense.webapp.user.AccountService;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Prepares the hub when it is deployed: migrates the catalog, creates the secret key on first run,
 * and creates the first {@code admin} user with a generated password that is shown once and written
 * to an owner-only file.
 */
@Singleton
@Startup
public class HubBootstrap {
  private static final Logger LOG = Logger.getLogger(HubBootstrap.class.getName());
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  @Inject CatalogDataSource catalog;

  @Inject HubSettings settings;
  @Inject AccountService accounts;
  @Inject Secrets secrets;
  @Inject FirstStartDefaults defaults;
  private volatile boolean ready;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void start() {
    String version = CatalogMigrator.migrate(catalog.get());
    LOG.info(() -> "Catalog schema at version " + version);
    LOG.info(() -> "Catalog secrets use key " + secrets.cipher().activeKeyId());
    if (!accounts.hasUsers()) {
      createFirstAdmin();
    }
    defaults.registerLocalRepositoryOnce(settings.localRepositoryDir());
    ready = true;
  }

  /** Whether the catalog is migrated and the first-start defaults exist. */
  public boolean ready() {
    return ready;
  }

  private void createFirstAdmin() {
    char[] password = generatePassword(20);
    accounts.create("admin", password, Set.of(Roles.ADMIN), true);
    Path file = settings.secretsDir().resolve(InitialPassword.FILE);
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, new String(password) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    // The password itself goes only to the owner-only file, never to the console or a log.
    System.out.println(
        "\n=================================================================\n"
            + " Sendense first start: user 'admin', password in\n  "
            + file
            + "\n (readable by its owner only; the first login asks for a new\n  password,"
            + " and the file is deleted when it is changed)\n"
            + "=================================================================\n");
  }

  static char[] generatePassword(int length) {
    SecureRandom random = new SecureRandom();
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return out;
  }
}
