package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * TEST TOOLING: a WildFly installation prepared by {@code deploy/wildfly/configure.sh}, running
 * {@code sendense.war} as {@code ROOT.war} from its deployments folder, started by its own {@code
 * bin/standalone.sh}. {@link #close()} stops the script and the server JVM under it in every case.
 */
final class WildFlyServer implements AutoCloseable {
  /** The ports of standalone.xml's socket bindings, which the offset moves together. */
  private static final int[] PORTS = {8080, 8443, 9990, 9993, 8009, 4712, 4713};

  private final Path home;
  private final Process process;
  private final int offset;

  private WildFlyServer(Path home, Process process, int offset) {
    this.home = home;
    this.process = process;
    this.offset = offset;
  }

  /** Runs configure.sh on {@code home} with {@code env} (SENDENSE_..., the jars' paths). */
  static void configure(Path script, Path home, Map<String, String> env, Path log)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), home.toString());
    builder.environment().putAll(env);
    Process configure = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(configure.waitFor(3, TimeUnit.MINUTES), "configure.sh did not end in 3 minutes");
    assertEquals(0, configure.exitValue(), "configure.sh failed: " + Files.readString(log));
  }

  /**
   * Starts a clean server (no state of an earlier run) with {@code war} deployed as {@code
   * ROOT.war} and {@code properties} as system properties.
   */
  static WildFlyServer start(Path home, Path war, Map<String, String> properties) throws Exception {
    Path standalone = home.resolve("standalone");
    for (String folder : List.of("data", "tmp", "log", "deployments")) {
      deleteTree(standalone.resolve(folder));
    }
    Files.createDirectories(standalone.resolve("deployments"));
    Files.copy(war, standalone.resolve("deployments/ROOT.war"));
    int offset = freeOffset();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-Djboss.socket.binding.port-offset=" + offset));
    properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("JBOSS_JAVA_SIZING", "-Xms64m -Xmx768m -XX:MaxMetaspaceSize=512m");
    builder.environment().put("NOPAUSE", "true");
    builder
        .redirectErrorStream(true)
        .redirectOutput(home.resolveSibling("wildfly-console.log").toFile());
    WildFlyServer server = new WildFlyServer(home, builder.start(), offset);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  /** Waits until the deployment scanner deployed the WAR; fails with the server log if not. */
  void awaitDeployed(Duration timeout) throws Exception {
    Path deployments = home.resolve("standalone/deployments");
    Instant deadline = Instant.now().plus(timeout);
    while (!Files.exists(deployments.resolve("ROOT.war.deployed"))) {
      Path failed = deployments.resolve("ROOT.war.failed");
      if (!process.isAlive() || Files.exists(failed) || Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "WildFly did not deploy the WAR within "
                + timeout
                + (Files.exists(failed) ? ": " + Files.readString(failed) : "")
                + "\n"
                + log());
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
  }

  /** Where the WAR answers (context root /). */
  URL url() throws IOException {
    return new URL("http://127.0.0.1:" + (8080 + offset) + "/");
  }

  /** The server's log so far. */
  String log() throws IOException {
    Path log = home.resolve("standalone/log/server.log");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no server.log)";
  }

  @Override
  public void close() {
    stop();
  }

  /** SIGTERM to the server JVM and the script (WildFly shuts down gracefully), then SIGKILL. */
  private void stop() {
    List<ProcessHandle> all =
        java.util.stream.Stream.concat(
                process.descendants(), java.util.stream.Stream.of(process.toHandle()))
            .toList();
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(60, TimeUnit.SECONDS);
      } catch (Exception stillRunning) {
        p.destroyForcibly();
      }
    }
  }

  /** A port offset under which none of the server's ports is in use (below the ephemeral range). */
  private static int freeOffset() throws IOException {
    Random random = new Random();
    for (int attempt = 0; attempt < 50; attempt++) {
      int offset = 1000 + random.nextInt(20000);
      if (java.util.Arrays.stream(PORTS).allMatch(port -> free(port + offset))) {
        return offset;
      }
    }
    throw new IOException("no free port offset for WildFly");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
