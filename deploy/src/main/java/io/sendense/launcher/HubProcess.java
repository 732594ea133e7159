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
        new ProcessBuilder(command)
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
