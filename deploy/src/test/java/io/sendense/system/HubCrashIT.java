package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub killed hard (SIGKILL of its Payara process) in the middle of the transfer of a 2-disk VM,
 * started again by the real launcher on the same data: the job resumes by itself, once, from each
 * disk's committed offset and completes; killed again in its resumed run it is not resumed a second
 * time but the console's restart completes it. Every time the disks are re-read by at most one
 * checkpoint interval each (vcsim counts the bytes it serves), the point verifies with {@code
 * qemu-img compare}, and no {@code sbak-} snapshot is left.
 */
class HubCrashIT {
  private static final long DISK = 64L << 20;
  private static final long CHECKPOINT = 16L << 20;

  /** What the transfer reads ahead per disk (ReadAhead.BYTES): read again after a crash too. */
  private static final long READ_AHEAD = 16L << 20;

  private static final String VM = "DC0_H0_VM0";
  private static final String PASSWORD = "crash-Secret-1";

  /** Generous: Payara boots in 20-40 s here, but in minutes when the machine is overloaded. */
  private static final Duration HUB_START = Duration.ofMinutes(8);

  private static final Duration JOB_STEP = Duration.ofMinutes(5);

  @TempDir Path data;
  @TempDir Path tmp;

  @Test
  void aKilledHubResumesItsJobOnceByItselfAndTheConsoleRestartsItAfterASecondKill()
      throws Exception {
    try {
      killTwiceAndResume();
    } catch (AssertionError | Exception e) {
      throw new AssertionError(e + evidence(), e);
    }
  }

  /**
   * The tail of the hub's log and of the launcher's console output (all starts), so that a failure
   * in CI can be diagnosed from the report alone.
   */
  private String evidence() {
    return "\n--- last 80 lines of "
        + data.resolve("logs/hub.log")
        + " ---\n"
        + tail(data.resolve("logs/hub.log"), 80)
        + "\n--- last 40 lines of the launcher's output "
        + launcherOutput()
        + " ---\n"
        + tail(launcherOutput(), 40);
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(cannot read: " + e + ")";
    }
  }

  private Path launcherOutput() {
    return data.resolveSibling(data.getFileName() + ".log");
  }

  private void killTwiceAndResume() throws Exception {
    int port = freePort();
    try (VcsimProcess vcsim =
        VcsimProcess.start(
            Path.of(System.getProperty("sendense.it.vcsim-build")),
            List.of("-password=" + PASSWORD, "-extra-disks=1", "-disk-mb=" + (DISK >> 20)))) {
      VcsimHooks hooks = new VcsimHooks(vcsim);
      long bytes = randomize(hooks, 1, 91) + randomize(hooks, 2, 92);
      long jobId;
      long firstExecution;
      Process hub = start(port);
      try {
        HubApi api = awaitHub(port, hub);
        long vmId = VcsimHooks.vmId(api, hooks.addAsSource(api, "admin", PASSWORD), VM);
        hooks.downloads(VM, false, 1600);
        long local = BackupFixture.localId(api);
        JsonObject job =
            api.post(
                "backups",
                "{\"vmId\":" + vmId + ",\"repositoryId\":" + local + ",\"type\":\"full\"}",
                202);
        jobId = job.getJsonNumber("id").longValue();
        firstExecution = awaitBytes(api, jobId, bytes / 4).getJsonNumber("executionId").longValue();
        killMidChunk(hub, hooks);
      } finally {
        stop(hub);
      }
      long servedAtFirstKill = hooks.served(VM);
      hooks.downloads(VM, false, 4000);

      // Started again (slower): the job resumes by itself; killed again in its resumed run.
      Instant restarted = Instant.now();
      hub = start(port);
      long secondExecution;
      long totalSecond;
      try {
        HubApi api = awaitHub(port, hub);
        Instant answered = Instant.now();
        JsonObject resumed = awaitRunningExecutionAfter(api, jobId, firstExecution);
        secondExecution = resumed.getJsonNumber("executionId").longValue();
        System.out.println(
            "[HubCrashIT] launcher start to resumed job: "
                + Duration.between(restarted, Instant.now()).toMillis()
                + " ms, of which after the hub first answered: "
                + Duration.between(answered, Instant.now()).toMillis()
                + " ms");
        assertEquals(2, resumed.getInt("executions"), resumed.toString());
        JsonObject progressed = awaitBytes(api, jobId, 8L << 20);
        assertEquals(secondExecution, progressed.getJsonNumber("executionId").longValue());
        killMidChunk(hub, hooks);
        totalSecond = progressed.getJsonNumber("bytesTotal").longValue();
      } finally {
        stop(hub);
      }
      long servedAtSecondKill = hooks.served(VM);
      hooks.downloads(VM, false, 0);

      hub = start(port);
      try {
        HubApi api = awaitHub(port, hub);
        JsonObject failed = BackupFixture.awaitEnd(api, jobId, JOB_STEP);
        assertEquals("FAILED", failed.getString("status"), "not resumed a second time: " + failed);
        assertTrue(
            failed.getString("error").startsWith("The hub stopped while this job ran; restart it"),
            failed.toString());
        assertEquals(2, partials(data.resolve("repository")), "partial images kept for a restart");
        Instant restart = Instant.now();
        api.post("jobs/" + secondExecution + "/restart", "", 200);
        JsonObject done = BackupFixture.awaitEnd(api, jobId, JOB_STEP);
        System.out.println(
            "[HubCrashIT] console restart to completion: "
                + Duration.between(restart, Instant.now()).toMillis()
                + " ms");
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(3, done.getInt("executions"));
        // What each execution had to read (bytesTotal) says what the earlier one had committed.
        long totalThird = done.getJsonNumber("bytesTotal").longValue();
        long rereadFirst = servedAtFirstKill - (bytes - totalSecond);
        long rereadSecond = (servedAtSecondKill - servedAtFirstKill) - (totalSecond - totalThird);
        System.out.println(
            "[HubCrashIT] re-read after the first kill "
                + rereadFirst
                + " bytes, after the second "
                + rereadSecond
                + " (checkpoint "
                + CHECKPOINT
                + " per disk); served in all "
                + hooks.served(VM)
                + " for "
                + bytes);
        long bound = 2 * (CHECKPOINT + READ_AHEAD);
        assertTrue(rereadFirst >= 0 && rereadFirst <= bound, "first: " + rereadFirst);
        assertTrue(rereadSecond >= 0 && rereadSecond <= bound, "second: " + rereadSecond);
        assertEquals(
            bytes + rereadFirst + rereadSecond,
            hooks.served(VM),
            "the last run read exactly what was left to read");

        JsonObject detail = api.object("jobs/by-id/" + jobId);
        List<String> executions =
            detail.getJsonArray("executions").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("batchStatus") + "/" + e.getString("exitStatus"))
                .toList();
        assertEquals(
            List.of("COMPLETED/COMPLETED", "FAILED/HUB_STOPPED", "FAILED/HUB_STOPPED"),
            executions,
            detail.toString());

        JsonObject point = api.object("backups/" + done.getInt("backupId"));
        assertEquals("COMPLETE", point.getJsonObject("backup").getString("status"));
        assertEquals("NONE_FULL", point.getJsonObject("backup").getString("changeTracking"));
        assertEquals(List.of(), hooks.snapshots(VM), "no sbak- snapshot left");
        Path repository = data.resolve("repository");
        assertEquals(0, partials(repository));
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
        stop(hub);
      }
    }
  }

  /** The job once its running execution has transferred {@code bytes} in this execution. */
  private static JsonObject awaitBytes(HubApi api, long jobId, long bytes) throws Exception {
    return api.await(
            "jobs/by-id/" + jobId,
            d ->
                d.getJsonObject("job").getString("status").equals("RUNNING")
                    && d.getJsonObject("job").getJsonNumber("bytesDone").longValue() >= bytes,
            JOB_STEP)
        .getJsonObject("job");
  }

  private static JsonObject awaitRunningExecutionAfter(HubApi api, long jobId, long execution)
      throws Exception {
    return api.await(
            "jobs/by-id/" + jobId,
            d ->
                d.getJsonObject("job").getString("status").equals("RUNNING")
                    && d.getJsonObject("job").getJsonNumber("executionId").longValue() != execution,
            JOB_STEP)
        .getJsonObject("job");
  }

  private static long partials(Path repository) throws IOException {
    try (var files = Files.walk(repository)) {
      return files.filter(f -> f.toString().endsWith(".partial")).count();
    }
  }

  /**
   * Kills the hub in the middle of a chunk: progress is reported when a chunk is committed, so the
   * job has just committed one; once vcsim served another 8 MiB (half a chunk of both disks) the
   * hub dies with that much read and not committed.
   */
  private static void killMidChunk(Process hub, VcsimHooks hooks) throws Exception {
    long from = hooks.served(VM);
    Instant deadline = Instant.now().plus(JOB_STEP);
    while (hooks.served(VM) < from + (8L << 20)) {
      assertTrue(Instant.now().isBefore(deadline), "the transfer stopped reading");
      TimeUnit.MILLISECONDS.sleep(50);
    }
    killPayara(hub);
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
        .redirectOutput(ProcessBuilder.Redirect.appendTo(launcherOutput().toFile()));
    return builder.start();
  }

  private HubApi awaitHub(int port, Process hub) throws Exception {
    Instant deadline = Instant.now().plus(HUB_START);
    String last = "no admin password file yet";
    while (Instant.now().isBefore(deadline)) {
      assertTrue(hub.isAlive(), "the launcher exited (status " + exitStatus(hub) + ")");
      Path password = data.resolve("secrets/initial-admin-password");
      if (Files.exists(password)) {
        HubApi api =
            new HubApi(
                new URL("http://127.0.0.1:" + port + "/"),
                HubClient.basic("admin", Files.readString(password).strip()));
        try {
          int status = api.get("me").statusCode();
          if (status == 200) {
            return api;
          }
          last = "GET /api/v1/me answered " + status;
        } catch (IOException notYet) {
          last = "GET /api/v1/me: " + notYet;
        }
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError(
        "The hub did not answer within " + HUB_START + " (last: " + last + ")");
  }

  private static String exitStatus(Process process) {
    return process.isAlive() ? "running" : String.valueOf(process.exitValue());
  }

  /**
   * SIGTERM to the launcher (it stops Payara and MariaDB); if it does not stop in 90 s, everything
   * is killed and waited for, so that the next start does not find the folder still locked.
   */
  private static void stop(Process hub) throws InterruptedException {
    hub.destroy();
    if (!hub.waitFor(90, TimeUnit.SECONDS)) {
      List<ProcessHandle> all = hub.descendants().toList();
      all.forEach(ProcessHandle::destroyForcibly);
      hub.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      for (ProcessHandle p : all) {
        p.onExit().completeOnTimeout(p, 30, TimeUnit.SECONDS).join();
      }
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
