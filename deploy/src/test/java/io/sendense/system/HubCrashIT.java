package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub killed hard (SIGKILL of its Payara process) in the middle of a transfer, started again by
 * the real launcher on the same data: the console shows the job failed because the hub stopped, and
 * a restart completes it from its last checkpoint without re-reading what was committed.
 */
class HubCrashIT {
  private static final long DISK = 64L << 20;
  private static final String VM = "DC0_H0_VM0";
  private static final String PASSWORD = "crash-Secret-1";
  private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

  @TempDir Path data;
  @TempDir Path tmp;

  @Test
  void aKilledHubsJobIsReportedAbandonedCleanlyAndTheNextBackupVerifies() throws Exception {
    int port = freePort();
    try (VcsimProcess vcsim =
        VcsimProcess.start(
            Path.of(System.getProperty("sendense.it.vcsim-build")),
            List.of("-password=" + PASSWORD, "-extra-disks=1", "-disk-mb=" + (DISK >> 20)))) {
      VcsimHooks hooks = new VcsimHooks(vcsim);
      long bytes = randomize(hooks, 1, 91) + randomize(hooks, 2, 92);
      Process hub = start(port);
      long jobId;
      long execution;
      long vmId;
      long local;
      try {
        HubApi api = awaitHub(port, hub);
        vmId = VcsimHooks.vmId(api, hooks.addAsSource(api, "admin", PASSWORD), VM);
        hooks.downloads(VM, false, 1600);
        local =
            api.array("repositories").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("name").equals("Local"))
                .findFirst()
                .orElseThrow()
                .getJsonNumber("id")
                .longValue();
        JsonObject job =
            api.post(
                "backups",
                "{\"vmId\":" + vmId + ",\"repositoryId\":" + local + ",\"type\":\"full\"}",
                202);
        jobId = job.getJsonNumber("id").longValue();
        JsonObject running =
            api.await(
                    "jobs/by-id/" + jobId,
                    d -> d.getJsonObject("job").getJsonNumber("bytesDone").longValue() >= bytes / 2,
                    Duration.ofMinutes(3))
                .getJsonObject("job");
        execution = running.getJsonNumber("executionId").longValue();
        killPayara(hub);
      } finally {
        stop(hub);
      }
      hooks.downloads(VM, false, 0);

      Process again = start(port);
      try {
        HubApi api = awaitHub(port, again);
        JsonObject failed =
            api.await(
                    "jobs/by-id/" + jobId,
                    d -> ENDED.contains(d.getJsonObject("job").getString("status")),
                    Duration.ofMinutes(1))
                .getJsonObject("job");
        assertEquals("FAILED", failed.getString("status"), failed.toString());
        assertTrue(
            failed.getString("error").startsWith("The hub stopped during"), failed.toString());
        HttpResponse<String> restart = api.post("jobs/" + execution + "/restart", "");
        assertEquals(409, restart.statusCode(), restart.body());
        assertTrue(restart.body().contains("abandon this job"), restart.body());
        long crashed = failed.getJsonNumber("backupId").longValue();
        assertEquals(
            "FAILED", api.object("backups/" + crashed).getJsonObject("backup").getString("status"));
        Path repository = data.resolve("repository");
        assertEquals(2, partials(repository), "the partial images are still there");
        api.post("jobs/" + execution + "/abandon", "", 200);
        assertEquals(0, partials(repository), "abandon deleted the partial images");

        JsonObject next =
            api.post("backups", "{\"vmId\":" + vmId + ",\"repositoryId\":" + local + "}", 202);
        JsonObject done =
            api.await(
                    "jobs/by-id/" + next.getJsonNumber("id"),
                    d -> ENDED.contains(d.getJsonObject("job").getString("status")),
                    Duration.ofMinutes(3))
                .getJsonObject("job");
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(List.of(), hooks.snapshots(VM), "the stale sbak- snapshot was removed");
        JsonObject point = api.object("backups/" + done.getInt("backupId"));
        assertEquals("FULL", point.getJsonObject("backup").getString("type"), "no failed parent");
        for (var disk : point.getJsonArray("disks")) {
          JsonObject d = disk.asJsonObject();
          Path copy = tmp.resolve("disk" + d.getInt("index") + ".raw");
          Files.copy(hooks.flatFile(VM, d.getInt("index") + 1), copy);
          Qemu.run(
              "compare",
              "-f",
              "qcow2",
              "-F",
              "raw",
              repository.resolve(d.getString("fileName")).toString(),
              copy.toString());
        }
      } finally {
        stop(again);
      }
    }
  }

  private static long partials(Path repository) throws IOException {
    try (var files = Files.walk(repository)) {
      return files.filter(f -> f.toString().endsWith(".partial")).count();
    }
  }

  /** SIGKILL of the Payara Micro process; the launcher then stops MariaDB and exits. */
  private static void killPayara(Process launcher) throws Exception {
    ProcessHandle payara =
        launcher
            .descendants()
            .filter(p -> p.info().commandLine().orElse("").contains("payara-micro.jar"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Payara process under the launcher"));
    payara.destroyForcibly();
    assertTrue(!payara.onExit().get(30, TimeUnit.SECONDS).isAlive(), "Payara was killed");
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
    builder.environment().put("SENDENSE_JOBS_BLOCK_MIB", "1");
    builder.environment().put("SENDENSE_JOBS_CHECKPOINT_MIB", "16");
    builder
        .redirectErrorStream(true)
        .redirectOutput(
            ProcessBuilder.Redirect.appendTo(
                data.resolveSibling(data.getFileName() + ".log").toFile()));
    return builder.start();
  }

  private HubApi awaitHub(int port, Process hub) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (Instant.now().isBefore(deadline)) {
      assertTrue(hub.isAlive(), () -> "the launcher exited; " + launcherLog());
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
    throw new AssertionError("The hub did not answer within 10 minutes; " + launcherLog());
  }

  /** The last 80 lines of the launchers' console, for the failure message. */
  private String launcherLog() {
    Path log = data.resolveSibling(data.getFileName() + ".log");
    try {
      List<String> lines = Files.readAllLines(log);
      return "last lines of "
          + log
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "no console log " + log + ": " + e;
    }
  }

  private static void stop(Process hub) throws InterruptedException {
    hub.destroy();
    if (!hub.waitFor(90, TimeUnit.SECONDS)) {
      hub.descendants().forEach(ProcessHandle::destroyForcibly);
      hub.destroyForcibly();
    }
  }

  private static long randomize(VcsimHooks hooks, int disk, long seed) throws Exception {
    Random random = new Random(seed);
    byte[] block = new byte[1 << 20];
    try (RandomAccessFile file = new RandomAccessFile(hooks.flatFile(VM, disk).toFile(), "rw")) {
      for (long at = 0; at < DISK; at += block.length) {
        random.nextBytes(block);
        file.seek(at);
        file.write(block);
      }
    }
    return DISK;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
