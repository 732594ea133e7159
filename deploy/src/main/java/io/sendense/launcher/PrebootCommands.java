package io.sendense.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The Payara Micro pre-boot commands the hub needs: HTTP on the chosen address only, the catalog
 * data source {@code jdbc/sendense}, and the batch job repository in its own schema ({@code
 * jdbc/sendense-batch}) so executions survive a hub restart. Any other Jakarta EE server needs the
 * same two JNDI data sources (see docs/deployment.md).
 */
public final class PrebootCommands {
  private PrebootCommands() {}

  /** Connection facts of one MariaDB schema. */
  public record Db(String url, String user, String password) {}

  public static List<String> commands(String httpAddress, Db catalog, Db batch) {
    return commands(httpAddress, null, catalog, batch);
  }

  /**
   * The commands with the HTTPS listener bound to {@code tlsAddress} (null when there is no TLS
   * listener; its port, key store and key come from Payara Micro's options, see HubProcess).
   */
  public static List<String> commands(String httpAddress, String tlsAddress, Db catalog, Db batch) {
    List<String> commands = new ArrayList<>();
    commands.add(
        "set configs.config.server-config.network-config.network-listeners"
            + ".network-listener.http-listener.address="
            + httpAddress);
    if (tlsAddress != null) {
      commands.add(
          "set configs.config.server-config.network-config.network-listeners"
              + ".network-listener.https-listener.address="
              + tlsAddress);
    }
    // No request holds a database connection for minutes (issue 23): transactions time out.
    commands.add("set configs.config.server-config.transaction-service.timeout-in-seconds=300");
    commands.addAll(dataSource("sendense-pool", "jdbc/sendense", catalog));
    commands.addAll(dataSource("sendense-batch-pool", "jdbc/sendense-batch", batch));
    return commands;
  }

  /**
   * The post-boot commands: the batch job repository on {@code jdbc/sendense-batch}. Jobs run on
   * the default managed executor (up to 200 threads, no queue in front of them): a partitioned
   * step's threads must never wait behind other jobs; the hub's own limits keep the number of jobs
   * small. Run after boot, not before: before boot the command looks the data source up through a
   * naming service that is not up yet and logs a stack trace at every start.
   */
  public static List<String> postBoot() {
    return List.of("set-batch-runtime-configuration --datasourcelookupname jdbc/sendense-batch");
  }

  /** Writes the commands to an owner-only file (it holds database passwords). */
  public static Path write(Path file, List<String> commands) throws IOException {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(file, commands);
    return file;
  }

  private static List<String> dataSource(String pool, String jndi, Db db) {
    String properties =
        "user="
            + escape(db.user())
            + ":password="
            + escape(db.password())
            + ":url="
            + escape(db.url());
    return List.of(
        "create-jdbc-connection-pool --datasourceclassname org.mariadb.jdbc.MariaDbDataSource"
            + " --restype javax.sql.DataSource --steadypoolsize 2 --maxpoolsize 32"
            + " --isconnectvalidatereq true --validationmethod auto-commit"
            + " --property "
            + properties
            + " "
            + pool,
        "create-jdbc-resource --connectionpoolid " + pool + " " + jndi);
  }

  /** asadmin property syntax: ':' separates properties and '=' names them; both are escaped. */
  static String escape(String value) {
    if (value.contains(" ") || value.contains("\"")) {
      throw new IllegalArgumentException(
          "Database URL, user and password may not contain spaces or quotes");
    }
    return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
  }
}
