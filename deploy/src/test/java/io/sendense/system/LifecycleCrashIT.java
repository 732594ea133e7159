package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.point.PointManifests;
import io.sendense.image.point.PointVerifier;
import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hubs started by the real launcher on their own data: one killed with SIGKILL while a merge is
 * paused halfway (a test hook) rolls the merge forward when it starts again, and a second hub with
 * an empty catalog rescans the first one's repository and restores a file from it.
 */
class LifecycleCrashIT {
  private static final long DISK = 64L << 20;
  private static final String VM = "DC0_H0_VM0";
  private static final String PASSWORD = "merge-Secret-1";
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path data;
  @TempDir Path data2;
  @TempDir Path tmp;

  @Test
  void aMergeKilledHalfwayRollsForwardAndANewHubRestoresAFileFromTheRepository() throws Exception {
    try (VcsimProcess vcsim =
        VcsimProcess.start(
            Path.of(System.getProperty("sendense.it.vcsim-build")),
            List.of("-password=" + PASSWORD, "-extra-disks=1", "-disk-mb=" + (DISK >> 20)))) {
      VcsimHooks hooks = new VcsimHooks(vcsim);
      Path repository = data.resolve("repository");
      long full;
      long incremental;
      List<Path> atIncremental;
      Hub hub = start(data, Map.of("SENDENSE_TEST_MERGE_PAUSE", "HALF_WRITTEN"));
      try {
        HubApi api = awaitHub(data, hub);
        long vmId = VcsimHooks.vmId(api, hooks.addAsSource(api, "admin", PASSWORD), VM);
        long local = BackupFixture.localId(api);
        guest(hooks, "hello from the full\n", 1);
        full = BackupFixture.backUp(api, vmId, local);
        guest(hooks, "hello from the incremental\n", 2);
        incremental = BackupFixture.backUp(api, vmId, local);
        atIncremental = copies(hooks);
        assertEquals(
            "INCREMENTAL",
            api.object("backups/" + incremental).getJsonObject("backup").getString("type"));
        assertEquals(202, api.delete("backups/" + full).statusCode());
        api.awaitArray(
            "repositories/" + local + "/merges",
            m -> m.stream().anyMatch(r -> r.getString("detail", "").contains("paused at")),
            TIMEOUT);
        killPayara(hub);
      } finally {
        stop(hub);
      }

      Hub again = start(data, Map.of());
      try {
        HubApi api = awaitHub(data, again);
        long local = BackupFixture.localId(api);
        awaitGone(api, full);
        JsonObject point = api.object("backups/" + incremental);
        assertEquals("COMPLETE", point.getJsonObject("backup").getString("status"));
        Set<String> named = new TreeSet<>();
        for (JsonValue v : point.getJsonArray("disks")) {
          JsonObject d = v.asJsonObject();
          assertTrue(absent(d, "parentBackupId"), d.toString());
          Path image = repository.resolve(d.getString("fileName"));
          named.add(image.toRealPath().toString());
          String compare =
              Qemu.run(
                  "compare",
                  "-f",
                  "qcow2",
                  "-F",
                  "raw",
                  image.toString(),
                  atIncremental.get(d.getInt("index")).toString());
          assertTrue(compare.contains("Images are identical"), compare);
          String check = Qemu.run("check", image.toString());
          assertTrue(check.contains("No errors were found"), check);
        }
        assertEquals(named, files(repository, ".qcow2"), "the catalog and the files agree");
        List<String> manifests = new ArrayList<>(files(repository, PointManifests.SUFFIX));
        assertEquals(1, manifests.size(), manifests.toString());
        PointVerifier.Outcome outcome = PointVerifier.verify(Path.of(manifests.get(0)));
        assertEquals(PointVerifier.Status.VERIFIED, outcome.status(), outcome.toString());
        assertTrue(
            HubApi.objects(api.array("repositories/" + local + "/merges")).stream()
                .allMatch(r -> r.getString("state").equals("DONE")),
            api.array("repositories/" + local + "/merges").toString());
      } finally {
        stop(again);
      }
    }

    Hub fresh = start(data2, Map.of());
    try {
      HubApi api = awaitHub(data2, fresh);
      long imported =
          api.post(
                  "repositories",
                  BackupFixture.localRepository("old", data.resolve("repository")),
                  201)
              .getJsonNumber("id")
              .longValue();
      JsonObject report = api.post("repositories/" + imported + "/rescan", "", 200);
      assertEquals(1, report.getJsonArray("imported").size(), report.toString());
      assertEquals(0, report.getJsonArray("missingFiles").size(), report.toString());
      assertEquals(0, report.getJsonArray("orphanImages").size(), report.toString());
      long point =
          report.getJsonArray("imported").getJsonObject(0).getJsonNumber("backupId").longValue();
      String mount =
          api.post("restore/mounts", "{\"backupId\":" + point + ",\"diskIndex\":0}", 201)
              .getString("mountId");
      HttpResponse<String> hello =
          api.get("restore/mounts/" + mount + "/download?partition=1&path=hello.txt");
      assertEquals(200, hello.statusCode(), hello.body());
      assertEquals("hello from the incremental\n", hello.body());
      JsonObject again = api.post("repositories/" + imported + "/rescan", "", 200);
      assertEquals(0, again.getJsonArray("imported").size(), "a second rescan imports nothing");
    } finally {
      stop(fresh);
    }
  }

  /** An ext4 guest on disk 1 whose hello.txt says {@code text}; random regions on disk 2. */
  private void guest(VcsimHooks hooks, String text, long seed) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("guest" + seed));
    Files.writeString(folder.resolve("hello.txt"), text);
    byte[] big = new byte[3 << 20];
    new Random(seed).nextBytes(big);
    Files.write(folder.resolve("big.bin"), big);
    Path image = tmp.resolve("guest" + seed + ".raw");
    GuestImages.build(folder, image, DISK, tmp);
    GuestImages.writeInPlace(image, hooks.flatFile(VM, 1));
    Random random = new Random(seed + 100);
    try (RandomAccessFile file = new RandomAccessFile(hooks.flatFile(VM, 2).toFile(), "rw")) {
      for (int i = 0; i < 6; i++) {
        byte[] block = new byte[256 << 10];
        random.nextBytes(block);
        file.seek((long) random.nextInt((int) (DISK >> 18)) << 18);
        file.write(block);
      }
    }
  }

  private List<Path> copies(VcsimHooks hooks) throws IOException {
    List<Path> copies = new ArrayList<>();
    for (int n = 1; n <= 2; n++) {
      copies.add(Files.copy(hooks.flatFile(VM, n), tmp.resolve("at-incremental-" + n + ".raw")));
    }
    return copies;
  }

  /** JSON-B leaves null fields out. */
  private static boolean absent(JsonObject o, String key) {
    return !o.containsKey(key) || o.isNull(key);
  }

  private static void awaitGone(HubApi api, long backupId) throws Exception {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (api.get("backups/" + backupId).statusCode() != 404) {
      assertTrue(Instant.now().isBefore(deadline), "backup " + backupId + " was not removed");
      TimeUnit.MILLISECONDS.sleep(250);
    }
  }

  private static Set<String> files(Path folder, String suffix) throws IOException {
    Set<String> found = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.filter(p -> p.toString().endsWith(suffix)).toList()) {
        found.add(p.toRealPath().toString());
      }
    }
    return found;
  }

  /** SIGKILL of the Payara Micro process; the launcher then stops MariaDB and exits. */
  private static void killPayara(Hub hub) throws Exception {
    ProcessHandle payara =
        hub.process()
            .descendants()
            .filter(p -> p.info().commandLine().orElse("").contains("payara-micro.jar"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Payara process under the launcher"));
    payara.destroyForcibly();
    assertFalse(payara.onExit().get(30, TimeUnit.SECONDS).isAlive(), "Payara was killed");
  }

  /** A launcher process and the port its hub listens on. */
  private record Hub(Process process, int port) {}

  private static Hub start(Path dataDir, Map<String, String> env) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of(System.getProperty("sendense.launcher.jar")).toString()));
    builder.environment().put("SENDENSE_DATA_DIR", dataDir.toString());
    int port = freePort();
    builder.environment().put("SENDENSE_HTTP_PORT", String.valueOf(port));
    builder.environment().put("SENDENSE_DB_EMBEDDED_PORT", String.valueOf(freePort()));
    builder.environment().put("SENDENSE_JOBS_BLOCK_MIB", "1");
    builder.environment().put("SENDENSE_JOBS_CHECKPOINT_MIB", "16");
    builder.environment().putAll(env);
    builder
        .redirectErrorStream(true)
        .redirectOutput(
            ProcessBuilder.Redirect.appendTo(
                dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile()));
    return new Hub(builder.start(), port);
  }

  private static HubApi awaitHub(Path dataDir, Hub hub) throws Exception {
    int port = hub.port();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
    while (Instant.now().isBefore(deadline)) {
      assertTrue(hub.process().isAlive(), "the launcher exited; see " + dataDir + ".log");
      Path password = dataDir.resolve("secrets/initial-admin-password");
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
    throw new AssertionError("The hub did not answer within 8 minutes");
  }

  private static void stop(Hub hub) throws InterruptedException {
    Process p = hub.process();
    p.destroy();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
