package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.RandomAccessFile;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Backups end to end through the hub's API: vcsim (with our CBT extension) holds two-disk VMs whose
 * flat files the test fills with known data; every restore point is compared with {@code qemu-img
 * compare} against a copy of the disks taken at that point.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class BackupsIT {
  private static final String USER = "admin";
  private static final String PASSWORD = "vcsim-Backup-1";
  private static final long DISK = 64L << 20;

  private static VcsimProcess vcsim;
  private static VcsimHooks hooks;
  private static long sourceId;

  @ArquillianResource URL deployedAt;
  @TempDir Path tmp;
  private HubApi api;
  private Path repository;
  private long repositoryId;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  @BeforeAll
  static void startVcsim() throws Exception {
    // A rerun of the class (sendense.it.reruns) meets a new simulator: nothing of the last is kept.
    sourceId = 0;
    vcsim =
        VcsimProcess.start(
            Path.of(System.getProperty("sendense.it.vcsim-build")),
            List.of(
                "-username=" + USER,
                "-password=" + PASSWORD,
                "-vms=3",
                "-extra-disks=1",
                "-disk-mb=" + (DISK >> 20)));
    hooks = new VcsimHooks(vcsim);
  }

  @AfterAll
  static void stopVcsim() throws Exception {
    vcsim.close();
  }

  @BeforeEach
  void hub() throws Exception {
    api = HubApi.admin(deployedAt);
    JsonObject local = BackupFixture.local(api);
    repositoryId = local.getJsonNumber("id").longValue();
    repository = BackupFixture.folder(local);
    if (sourceId == 0) {
      sourceId = hooks.addAsSource(api, USER, PASSWORD);
    }
  }

  @Test
  void fullThenIncrementalsMatchTheDisksAtEveryPointAndFormOneQemuChain() throws Exception {
    String vm = "DC0_H0_VM0";
    hooks.takeSnapshot(vm, "user-keep");
    fill(vm, 1, 11);
    fill(vm, 2, 12);
    JsonObject full = backupAndWait(vm, "auto");
    List<Path> atFull = copyDisks(vm, "p1");
    JsonObject first = api.object("backups/" + full.getJsonNumber("backupId").longValue());
    assertEquals("FULL", first.getJsonObject("backup").getString("type"));
    assertEquals(2, first.getJsonObject("backup").getInt("disksCount"));
    assertMatches(first, atFull);

    long changed = change(vm, 1, 21, 3) + change(vm, 2, 22, 2);
    JsonObject second = api.object("backups/" + backupAndWait(vm, "auto").getInt("backupId"));
    List<Path> atSecond = copyDisks(vm, "p2");
    assertEquals("INCREMENTAL", second.getJsonObject("backup").getString("type"));
    assertMatches(second, atSecond);
    assertEquals(changed, dataInTop(second), "the incremental holds exactly the changed blocks");
    long written = second.getJsonObject("backup").getJsonNumber("bytesWritten").longValue();
    assertTrue(
        written >= changed && written <= changed + (2 << 20),
        "the incremental wrote what changed plus image metadata: " + written + " for " + changed);

    change(vm, 1, 31, 1);
    change(vm, 2, 32, 4);
    JsonObject third = api.object("backups/" + backupAndWait(vm, "auto").getInt("backupId"));
    assertMatches(third, copyDisks(vm, "p3"));
    assertMatches(first, atFull);
    assertMatches(second, atSecond);
    for (JsonValue disk : third.getJsonArray("disks")) {
      Path top = repository.resolve(disk.asJsonObject().getString("fileName"));
      String chain = Qemu.run("info", "--backing-chain", "--output=json", top.toString());
      assertEquals(3, HubApi.parse(chain).asJsonArray().size(), chain);
      Qemu.run("check", top.toString());
    }
    assertEquals(List.of("user-keep"), hooks.snapshots(vm), "only the user's snapshot remains");

    long firstId = first.getJsonObject("backup").getJsonNumber("id").longValue();
    long thirdId = third.getJsonObject("backup").getJsonNumber("id").longValue();
    assertEquals(204, api.delete("backups/" + thirdId).statusCode());
    for (JsonValue disk : third.getJsonArray("disks")) {
      assertFalse(Files.exists(repository.resolve(disk.asJsonObject().getString("fileName"))));
    }
    assertEquals(404, api.get("backups/" + thirdId).statusCode());

    // The full is a parent: it is merged out, and the second point becomes the full.
    assertEquals(202, api.delete("backups/" + firstId).statusCode(), "a parent is merged out");
    awaitGone(firstId);
    long secondId = second.getJsonObject("backup").getJsonNumber("id").longValue();
    JsonObject merged = api.object("backups/" + secondId);
    assertMatches(merged, atSecond);
    for (JsonValue disk : merged.getJsonArray("disks")) {
      JsonObject d = disk.asJsonObject();
      assertFalse(d.containsKey("parentBackupId") && !d.isNull("parentBackupId"), d.toString());
      String chain =
          Qemu.run(
              "info",
              "--backing-chain",
              "--output=json",
              repository.resolve(d.getString("fileName")).toString());
      assertEquals(1, HubApi.parse(chain).asJsonArray().size(), chain);
    }
    for (JsonValue disk : second.getJsonArray("disks")) {
      assertFalse(
          Files.exists(repository.resolve(disk.asJsonObject().getString("fileName"))),
          "the second point's old image is deleted");
    }
  }

  private void awaitGone(long backupId) throws Exception {
    java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofMinutes(2));
    while (api.get("backups/" + backupId).statusCode() != 404) {
      assertTrue(java.time.Instant.now().isBefore(deadline), "backup " + backupId + " stays");
      Thread.sleep(250);
    }
  }

  /**
   * Against stock vcsim (no QueryChangedDiskAreas: our CBT extension off) the second backup of a VM
   * is still an incremental: it reads the disks, compares them with the parent and stores only what
   * differs, nothing when nothing changed, and says why on the point.
   */
  @Test
  void withoutChangedBlockTrackingIncrementalsCompareContentAndStoreOnlyWhatChanged()
      throws Exception {
    String vm = "DC0_H0_VM0";
    try (VcsimProcess stock =
        VcsimProcess.start(
            Path.of(System.getProperty("sendense.it.vcsim-build")),
            List.of(
                "-username=" + USER,
                "-password=" + PASSWORD,
                "-vms=1",
                "-cbt=false",
                "-extra-disks=1",
                "-disk-mb=" + (DISK >> 20)))) {
      VcsimHooks h = new VcsimHooks(stock);
      long vmId = VcsimHooks.vmId(api, h.addAsSource(api, USER, PASSWORD), vm);
      fill(h, vm, 1, 111);
      fill(h, vm, 2, 112);
      JsonObject fullJob = backupAndWait(vmId);
      assertEquals("COMPLETED", fullJob.getString("status"), fullJob.toString());
      JsonObject full = api.object("backups/" + fullJob.getInt("backupId"));
      assertEquals("NONE_FULL", full.getJsonObject("backup").getString("changeTracking"));
      assertMatches(full, copyDisks(h, vm, "nocbt-full"));

      long served = h.served(vm);
      JsonObject sameJob = backupAndWait(vmId);
      assertEquals("COMPLETED", sameJob.getString("status"), sameJob.toString());
      JsonObject same = api.object("backups/" + sameJob.getInt("backupId"));
      JsonObject point = same.getJsonObject("backup");
      assertEquals("INCREMENTAL", point.getString("type"), same.toString());
      assertEquals("CONTENT_COMPARE", point.getString("changeTracking"), same.toString());
      assertTrue(
          point.getString("changeTrackingReason").startsWith("changed areas unavailable: "),
          point.toString());
      for (JsonValue disk : same.getJsonArray("disks")) {
        assertEquals("CONTENT_COMPARE", disk.asJsonObject().getString("changeTracking"));
      }
      assertEquals(0, dataInTop(same), "nothing changed, no data cluster stored");
      assertEquals(2 * DISK, h.served(vm) - served, "read whole disks: the source cannot tell");
      assertMatches(same, copyDisks(h, vm, "nocbt-same"));

      long changed = change(h, vm, 1, 121, 2) + change(h, vm, 2, 122, 3);
      JsonObject nextJob = backupAndWait(vmId);
      JsonObject next = api.object("backups/" + nextJob.getInt("backupId"));
      assertEquals(changed, dataInTop(next), "the incremental holds exactly the changed blocks");
      assertMatches(next, copyDisks(h, vm, "nocbt-next"));
      System.out.println(
          "[BackupsIT] no CBT, 2 x "
              + (DISK >> 20)
              + " MiB: full "
              + full.getJsonObject("backup").getJsonNumber("durationMs")
              + " ms, "
              + full.getJsonObject("backup").getJsonNumber("bytesWritten")
              + " bytes; unchanged incremental "
              + point.getJsonNumber("durationMs")
              + " ms, "
              + point.getJsonNumber("bytesWritten")
              + " bytes; incremental with "
              + changed
              + " changed bytes "
              + next.getJsonObject("backup").getJsonNumber("durationMs")
              + " ms, "
              + next.getJsonObject("backup").getJsonNumber("bytesWritten")
              + " bytes");
    }
  }

  @Test
  void aFailedTransferRemovesItsSnapshotAndNeverBecomesAParent() throws Exception {
    String vm = "DC0_H0_VM1";
    hooks.takeSnapshot(vm, "user-keep");
    fill(vm, 1, 41);
    fill(vm, 2, 42);
    hooks.downloads(vm, true, 0);
    JsonObject failed = backupAndWait(vm, "auto");
    hooks.downloads(vm, false, 0);
    assertEquals("FAILED", failed.getString("status"), failed.toString());
    assertFalse(failed.getString("error", "").isBlank(), "says why: " + failed);
    assertEquals(List.of("user-keep"), hooks.snapshots(vm), "no sbak- snapshot is left");
    long failedBackup = failed.getJsonNumber("backupId").longValue();
    assertEquals(
        "FAILED",
        api.object("backups/" + failedBackup).getJsonObject("backup").getString("status"));

    List<Path> partials = new ArrayList<>();
    for (JsonValue disk : api.object("backups/" + failedBackup).getJsonArray("disks")) {
      partials.add(repository.resolve(disk.asJsonObject().getString("fileName") + ".partial"));
    }
    assertTrue(partials.stream().allMatch(Files::exists), "kept for a restart: " + partials);

    JsonObject next = backupAndWait(vm, "auto");
    assertEquals("COMPLETED", next.getString("status"), next.toString());
    JsonObject point = api.object("backups/" + next.getInt("backupId"));
    assertEquals("FULL", point.getJsonObject("backup").getString("type"), "no complete parent");
    api.await(
        "jobs/by-id/" + failed.getJsonNumber("id"),
        d -> d.getJsonObject("job").getString("status").equals("ABANDONED"),
        Duration.ofSeconds(30));
    assertTrue(
        partials.stream().noneMatch(Files::exists), "the superseded job's partials are gone");
    for (JsonValue disk : point.getJsonArray("disks")) {
      assertFalse(disk.asJsonObject().containsKey("parentBackupId"), disk.toString());
    }
    assertMatches(point, copyDisks(vm, "after"));
  }

  @Test
  void aStoppedJobRestartsFromItsCheckpointWithOneSnapshotForAllDisks() throws Exception {
    String vm = "DC0_H0_VM2";
    long data = randomize(vm, 1, 51) + randomize(vm, 2, 52);
    hooks.downloads(vm, false, 1600);
    long served0 = hooks.served(vm);
    JsonObject job = api.post("backups", request(vm, "full"), 202);
    long id = job.getJsonNumber("id").longValue();
    JsonObject running =
        api.await(
            "jobs/by-id/" + id,
            d ->
                d.getJsonObject("job").getJsonNumber("bytesDone").longValue() >= data * 2 / 5
                    || BackupFixture.ENDED.contains(d.getJsonObject("job").getString("status")),
            BackupFixture.JOB_TIMEOUT);
    assertEquals("RUNNING", running.getJsonObject("job").getString("status"), running.toString());
    List<String> during = hooks.snapshots(vm);
    assertEquals(1, during.stream().filter(s -> s.startsWith("sbak-")).count(), during.toString());
    // The plugins the running job reads and writes with cannot be pulled from under it.
    for (String plugin : List.of("vmware", "repo-local")) {
      for (String action : List.of("disable", "unload")) {
        HttpResponse<String> refused = api.post("plugins/" + plugin + "/" + action, "");
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(
            refused.body().contains("in use by backup job " + id + " of VM " + vm), refused.body());
      }
    }
    assertEquals(
        List.of("STARTED", "STARTED"),
        api.array("plugins").stream()
            .map(p -> p.asJsonObject())
            .filter(p -> List.of("vmware", "repo-local").contains(p.getString("id")))
            .map(p -> p.getString("state"))
            .toList());
    long execution = running.getJsonObject("job").getJsonNumber("executionId").longValue();
    api.post("jobs/" + execution + "/stop", "", 200);
    JsonObject stopped = BackupFixture.awaitEnd(api, id);
    assertEquals("STOPPED", stopped.getString("status"), stopped.toString());
    assertEquals(List.of(), hooks.snapshots(vm), "the stopped job removed its snapshot");

    hooks.downloads(vm, false, 0);
    api.post("jobs/" + execution + "/restart", "", 200);
    JsonObject done = BackupFixture.awaitEnd(api, id);
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    assertEquals(2, done.getInt("executions"));
    assertNotEquals(execution, done.getJsonNumber("executionId").longValue());
    long served = hooks.served(vm) - served0;
    long chunks = 2L * ((16 << 20) + (16 << 20)); // per disk: a chunk and the read-ahead
    assertTrue(
        served <= data + chunks,
        "the restart re-read only uncommitted chunks: served "
            + served
            + " for "
            + data
            + " bytes of data");
    assertMatches(api.object("backups/" + done.getInt("backupId")), copyDisks(vm, "restart"));
    assertEquals(List.of(), hooks.snapshots(vm));
    JsonObject detail = api.object("jobs/" + done.getJsonNumber("executionId").longValue());
    assertEquals(2, detail.getJsonArray("executions").size());
  }

  @Test
  void aRepositoryThatDisappearsMidJobFailsItCleanlyAndTheNextRunSucceeds() throws Exception {
    String vm = "DC0_C0_RP0_VM2";
    Path folder =
        Files.createDirectories(HubEnvironment.dataDir().resolve("vanishing-" + UUID.randomUUID()));
    long target =
        api.post(
                "repositories",
                BackupFixture.localRepository(folder.getFileName().toString(), folder),
                201)
            .getJsonNumber("id")
            .longValue();
    long data = randomize(vm, 1, 101) + randomize(vm, 2, 102);
    hooks.downloads(vm, false, 600);
    String body = "{\"vmId\":" + vmId(vm) + ",\"repositoryId\":" + target + "}";
    long id = api.post("backups", body, 202).getJsonNumber("id").longValue();
    api.await(
        "jobs/by-id/" + id,
        d -> d.getJsonObject("job").getJsonNumber("bytesDone").longValue() >= data / 5,
        BackupFixture.JOB_TIMEOUT);
    Path gone = folder.resolveSibling(folder.getFileName() + ".gone");
    Files.move(folder, gone);
    hooks.downloads(vm, false, 0);
    JsonObject failed = BackupFixture.awaitEnd(api, id);
    assertEquals("FAILED", failed.getString("status"), failed.toString());
    assertEquals(List.of(), hooks.snapshots(vm), "the failed job removed its snapshot");
    assertEquals(
        "FAILED",
        api.object("backups/" + failed.getInt("backupId"))
            .getJsonObject("backup")
            .getString("status"));
    HttpResponse<String> refused = api.post("backups", body);
    JsonObject early =
        BackupFixture.awaitEnd(
            api, HubApi.parse(refused.body()).asJsonObject().getJsonNumber("id").longValue());
    assertEquals("FAILED", early.getString("status"));
    assertTrue(early.getString("error").contains("missing or not writable"), early.toString());

    Files.move(gone, folder);
    JsonObject next =
        BackupFixture.awaitEnd(api, api.post("backups", body, 202).getJsonNumber("id").longValue());
    assertEquals("COMPLETED", next.getString("status"), next.toString());
    JsonObject point = api.object("backups/" + next.getInt("backupId"));
    assertEquals(
        "FULL", point.getJsonObject("backup").getString("type"), "the failed one is no parent");
    for (JsonValue value : point.getJsonArray("disks")) {
      JsonObject disk = value.asJsonObject();
      Qemu.run(
          "compare",
          "-f",
          "qcow2",
          "-F",
          "raw",
          folder.resolve(disk.getString("fileName")).toString(),
          hooks.flatFile(vm, disk.getInt("index") + 1).toString());
    }
  }

  @Test
  void threeVmsBackUpAtOnceIntoOneRepository() throws Exception {
    List<String> vms = List.of("DC0_C0_RP0_VM0", "DC0_C0_RP0_VM1", "DC0_C0_RP0_VM2");
    List<Long> jobs = new ArrayList<>();
    for (int i = 0; i < vms.size(); i++) {
      fill(vms.get(i), 1, 60 + i);
      fill(vms.get(i), 2, 70 + i);
      hooks.downloads(vms.get(i), false, 160);
    }
    for (String vm : vms) {
      jobs.add(api.post("backups", request(vm, "auto"), 202).getJsonNumber("id").longValue());
    }
    List<JsonObject> ended = new ArrayList<>();
    for (long id : jobs) {
      ended.add(BackupFixture.awaitEnd(api, id));
    }
    for (int i = 0; i < vms.size(); i++) {
      hooks.downloads(vms.get(i), false, 0);
      assertEquals("COMPLETED", ended.get(i).getString("status"), ended.get(i).toString());
      assertMatches(
          api.object("backups/" + ended.get(i).getInt("backupId")), copyDisks(vms.get(i), "c"));
    }
    Instant lastStart =
        ended.stream()
            .map(j -> Instant.parse(j.getString("startedAt")))
            .max(Instant::compareTo)
            .orElseThrow();
    Instant firstEnd =
        ended.stream()
            .map(j -> Instant.parse(j.getString("endedAt")))
            .min(Instant::compareTo)
            .orElseThrow();
    assertTrue(lastStart.isBefore(firstEnd), "the three ran at the same time");
    assertEquals(
        3,
        api.array("jobs?status=completed&vm_name=DC0_C0_RP0").stream()
            .filter(j -> jobs.contains(j.asJsonObject().getJsonNumber("id").longValue()))
            .count());
  }

  @Test
  void theJobsConsoleShowsAFailedJobsStepsAndRestartsIt() throws Exception {
    String vm = "DC0_C0_RP0_VM1";
    fill(vm, 1, 81);
    fill(vm, 2, 82);
    hooks.downloads(vm, true, 0);
    JsonObject failed = backupAndWait(vm, "auto");
    assertEquals("FAILED", failed.getString("status"));
    hooks.downloads(vm, false, 0);
    try (Chromium chromium = new Chromium(deployedAt)) {
      chromium.logInAsAdmin();
      chromium.browser.get(chromium.url("jobs/job-list.xhtml?vm=" + vm));
      String id = failed.getJsonNumber("id").toString();
      try {
        chromium.wait.until(d -> jobRow(d, id).getText().contains("FAILED"));
      } catch (org.openqa.selenium.TimeoutException e) {
        chromium.screenshot("jobs-page");
        throw new AssertionError(
            "no FAILED row for job " + failed + " in: " + chromium.browser.getPageSource(), e);
      }
      assertTrue(
          chromium.wait.until(d -> jobRow(d, id).getText()).contains("HTTP 500"),
          "the error shows");
      chromium.wait.until(
          d -> {
            jobRow(d, id)
                .findElement(By.cssSelector("button[title='Executions and steps']"))
                .click();
            return true;
          });
      chromium.wait.until(d -> d.findElement(By.id("jobs:detail")).getText().contains("transfer"));
      String detail = chromium.wait.until(d -> d.findElement(By.id("jobs:detail")).getText());
      assertTrue(
          detail.contains("Execution " + failed.getJsonNumber("executionId") + ": FAILED"), detail);
      chromium.screenshot("job-failed");
      assertEquals(List.of(), chromium.inBothThemes("job-detail"), "the executions and steps");
      chromium.wait.until(
          d -> {
            jobRow(d, id)
                .findElement(By.cssSelector("button[title='Restart from checkpoint']"))
                .click();
            return true;
          });
      chromium.wait.until(
          d -> d.findElement(By.id("growl_container")).getText().contains("Restart queued"));
      chromium
          .wait
          .withTimeout(BackupFixture.JOB_TIMEOUT)
          .until(d -> jobRow(d, id).getText().contains("COMPLETED"));
      chromium.screenshot("job-restarted");
    }
    JsonObject done = BackupFixture.awaitEnd(api, failed.getJsonNumber("id").longValue());
    assertEquals(2, done.getInt("executions"));
    assertMatches(api.object("backups/" + done.getInt("backupId")), copyDisks(vm, "console"));
  }

  /** The jobs table's row of job {@code id}: its first cell starts with the id. */
  private static WebElement jobRow(WebDriver browser, String id) {
    return browser.findElements(By.cssSelector("[id='jobs:table_data'] > tr")).stream()
        .filter(r -> r.findElement(By.tagName("td")).getText().strip().split("\\s")[0].equals(id))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no row of job " + id));
  }

  private String request(String vm, String type) throws Exception {
    return "{\"vmId\":"
        + vmId(vm)
        + ",\"repositoryId\":"
        + repositoryId
        + ",\"type\":\""
        + type
        + "\"}";
  }

  private long vmId(String name) throws Exception {
    return VcsimHooks.vmId(api, sourceId, name);
  }

  /** Starts a backup and returns its job once it ended. */
  private JsonObject backupAndWait(String vm, String type) throws Exception {
    JsonObject job = api.post("backups", request(vm, type), 202);
    return BackupFixture.awaitEnd(api, job.getJsonNumber("id").longValue());
  }

  private JsonObject backupAndWait(long vmId) throws Exception {
    String body = "{\"vmId\":" + vmId + ",\"repositoryId\":" + repositoryId + "}";
    return BackupFixture.awaitEnd(
        api, api.post("backups", body, 202).getJsonNumber("id").longValue());
  }

  private void assertMatches(JsonObject point, List<Path> expected) throws Exception {
    for (JsonValue value : point.getJsonArray("disks")) {
      JsonObject disk = value.asJsonObject();
      Path image = repository.resolve(disk.getString("fileName"));
      Qemu.run(
          "compare",
          "-f",
          "qcow2",
          "-F",
          "raw",
          image.toString(),
          expected.get(disk.getInt("index")).toString());
    }
  }

  /** Bytes of guest data stored in the point's own images (not in their parents), by qemu-img. */
  private long dataInTop(JsonObject point) throws Exception {
    long data = 0;
    for (JsonValue disk : point.getJsonArray("disks")) {
      Path image = repository.resolve(disk.asJsonObject().getString("fileName"));
      String map = Qemu.run("map", "--output=json", image.toString());
      for (JsonValue extent : HubApi.parse(map).asJsonArray()) {
        JsonObject e = extent.asJsonObject();
        if (e.getInt("depth") == 0 && e.getBoolean("data")) {
          data += e.getJsonNumber("length").longValue();
        }
      }
    }
    return data;
  }

  private List<Path> copyDisks(String vm, String tag) throws Exception {
    return copyDisks(hooks, vm, tag);
  }

  private List<Path> copyDisks(VcsimHooks h, String vm, String tag) throws Exception {
    List<Path> copies = new ArrayList<>();
    for (int n = 1; n <= 2; n++) {
      Path copy = tmp.resolve(vm + "-" + tag + "-disk" + n + ".raw");
      Files.copy(h.flatFile(vm, n), copy);
      copies.add(copy);
    }
    return copies;
  }

  /** A guest-like disk: an MBR, some data regions, zeros elsewhere. */
  private void fill(String vm, int disk, long seed) throws Exception {
    fill(hooks, vm, disk, seed);
  }

  private static void fill(VcsimHooks h, String vm, int disk, long seed) throws Exception {
    Random random = new Random(seed);
    try (RandomAccessFile file = new RandomAccessFile(h.flatFile(vm, disk).toFile(), "rw")) {
      byte[] mbr = new byte[512];
      mbr[510] = 0x55;
      mbr[511] = (byte) 0xAA;
      file.seek(0);
      file.write(mbr);
      for (long at : new long[] {1 << 20, 9 << 20, 30 << 20, DISK - (256 << 10)}) {
        file.seek(at);
        file.write(bytes(random, 256 << 10));
      }
    }
  }

  /** Writes {@code regions} random 64 KiB-aligned 192 KiB regions; returns the bytes changed. */
  private long change(String vm, int disk, long seed, int regions) throws Exception {
    return change(hooks, vm, disk, seed, regions);
  }

  private static long change(VcsimHooks h, String vm, int disk, long seed, int regions)
      throws Exception {
    Random random = new Random(seed);
    try (RandomAccessFile file = new RandomAccessFile(h.flatFile(vm, disk).toFile(), "rw")) {
      for (int i = 0; i < regions; i++) {
        file.seek((long) (2 + i * 7) << 20);
        file.write(bytes(random, 192 << 10));
      }
    }
    return regions * (192L << 10);
  }

  /** Fills the whole disk with random bytes; returns its size. */
  private long randomize(String vm, int disk, long seed) throws Exception {
    Random random = new Random(seed);
    try (RandomAccessFile file = new RandomAccessFile(hooks.flatFile(vm, disk).toFile(), "rw")) {
      for (long at = 0; at < DISK; at += 1 << 20) {
        file.seek(at);
        file.write(bytes(random, 1 << 20));
      }
    }
    return DISK;
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
