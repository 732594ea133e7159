package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TEST TOOLING: the hub started by the real launcher ({@code java -jar}) on a data folder, so that
 * a test can kill its Payara process hard and start it again on the same data.
 */
final class LaunchedHub implements AutoCloseable {
  private final Process launcher;
  private final Path data;
  private final int port;

  private LaunchedHub(Process launcher, Path data, int port) {
    this.launcher = launcher;
    this.data = data;
    this.port = port;
  }

  /** Starts the launcher on {@code data}; {@code env} adds settings (SENDENSE_...). */
  static LaunchedHub start(Path data, int port, java.util.Map<String, String> env)
      throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of(System.getProperty("sendense.launcher.jar")).toString()));
    builder.environment().put("SENDENSE_DATA_DIR", data.toString());
    builder.environment().put("SENDENSE_HTTP_PORT", String.valueOf(port));
    builder.environment().put("SENDENSE_DB_EMBEDDED_PORT", String.valueOf(freePort()));
    builder.environment().putAll(env);
    builder
        .redirectErrorStream(true)
        .redirectOutput(
            ProcessBuilder.Redirect.appendTo(
                data.resolveSibling(data.getFileName() + ".log").toFile()));
    return new LaunchedHub(builder.start(), data, port);
  }

  /** Waits until the API answers the admin. */
  HubApi awaitApi() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
    while (Instant.now().isBefore(deadline)) {
      assertTrue(launcher.isAlive(), "the launcher exited; see " + data + ".log");
      Path password = data.resolve("secrets/initial-admin-password");
      if (Files.exists(password)) {
        HubApi api =
            new HubApi(
                new URL("http://127.0.0.1:" + port + "/"),
                HubClient.basic("admin", Files.readString(password).strip()));
        try {
          if (api.get("me").statusCode() == 200) {
            return api;
          }
        } catch (IOException notYet) {
          // still starting
        }
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("The hub did not answer within 4 minutes");
  }

  /** SIGKILL of the Payara Micro process; the launcher then stops MariaDB and exits. */
  void killPayara() throws Exception {
    ProcessHandle payara =
        launcher
            .descendants()
            .filter(p -> p.info().commandLine().orElse("").contains("payara-micro.jar"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Payara process under the launcher"));
    payara.destroyForcibly();
    assertTrue(!payara.onExit().get(30, TimeUnit.SECONDS).isAlive(), "Payara was killed");
  }

  @Override
  public void close() throws InterruptedException {
    launcher.destroy();
    if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
