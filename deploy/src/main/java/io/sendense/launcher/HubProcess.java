package io.sendense.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Payara Micro running the hub WAR as a child process of the launcher. */
final class HubProcess {
  private final Process process;
  private final HubLog log;

  private HubProcess(Process process, HubLog log) {
    this.process = process;
    this.log = log;
  }

  static HubProcess start(Path home, LauncherConfig config, Path preboot, Path postboot)
      throws IOException {
    Path runtime = home.resolve("runtime");
    // A fresh server folder each start: Payara would otherwise redeploy the previous run's WAR
    // from it as well as the one given with --deploy.
    Path rootDir = config.dataDir().resolve("payara");
    deleteTree(rootDir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + config.get("sendense.hub.heap"));
    command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    command.add("-Dsendense.data.dir=" + config.dataDir());
    command.add("-Dsendense.plugins.dir=" + config.pluginsDir());
    command.add("-Dsendense.secrets.dir=" + config.secretsDir());
    command.add("-Dsendense.repository.local.dir=" + config.localRepositoryDir());
    command.addAll(config.hubOptions());
    java.util.Optional<TlsSettings> tls = config.tls();
    command.addAll(
        List.of(
            "-jar",
            runtime.resolve("payara-micro.jar").toString(),
            "--nohazelcast",
            "--port",
            String.valueOf(config.port("sendense.http.port")),
            "--prebootcommandfile",
            preboot.toString(),
            "--postbootcommandfile",
            postboot.toString(),
            "--addLibs",
            runtime.resolve("mariadb-java-client.jar").toString(),
            "--rootdir",
            config.dataDir().resolve("payara").toString(),
            "--deploy",
            home.resolve("sendense.war").toString(),
            "--contextroot",
            "/"));
    if (tls.isPresent()) {
      command.addAll(
          List.of(
              "--sslport",
              String.valueOf(tls.get().port()),
              "--sslcert",
              tls.get().alias(),
              "--systemproperties",
              tlsProperties(config, tls.get()).toString()));
      System.out.println(
          "Sendense: HTTPS on https://"
              + tls.get().address()
              + ":"
              + tls.get().port()
              + "/ with key '"
              + tls.get().alias()
              + "' of "
              + tls.get().keyStore());
    }
    System.out.println(
        "Sendense: starting the hub on http://"
            + config.get("sendense.http.address")
            + ":"
            + config.port("sendense.http.port")
            + "/ (data in "
            + config.dataDir()
            + ")");
    HubLog log =
        new HubLog(
            config.logDir().resolve("hub.log"),
            config.positive("sendense.log.max-mib") << 20,
            (int) config.positive("sendense.log.files"));
    Process process =
        new ProcessBuilder(ownerOnlyFiles(command))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    log.pump(process.getInputStream());
    System.out.println("Sendense: the hub logs to " + log.file());
    return new HubProcess(process, log);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The last lines the hub wrote, to explain a hub that stopped by itself. */
  List<String> lastLines() {
    return log.tail();
  }

  /**
   * The command run with umask 077 (through /bin/sh, which then becomes the JVM): every file and
   * folder the hub creates (restore points, temporary images, logs) is readable by its owner only.
   */
  static List<String> ownerOnlyFiles(List<String> command) {
    if (!Files.isExecutable(Path.of("/bin/sh"))) {
      return command;
    }
    List<String> wrapped =
        new ArrayList<>(List.of("/bin/sh", "-c", "umask 077 && exec \"$@\"", "sendense-hub"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** The key store settings in an owner-only file: a password on the command line is public. */
  private static Path tlsProperties(LauncherConfig config, TlsSettings tls) throws IOException {
    Path file = config.dataDir().resolve("runtime").resolve("tls.properties");
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("javax.net.ssl.keyStore", tls.keyStore().toString());
    properties.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
    properties.setProperty("javax.net.ssl.keyStorePassword", tls.password());
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.createFile(
        file,
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    try (var out = Files.newBufferedWriter(file)) {
      properties.store(out, "Sendense: TLS key store of the hub (written by the launcher)");
    }
    return file;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /** Asks Payara to shut down and waits for it; kills it only if it does not stop in a minute. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
