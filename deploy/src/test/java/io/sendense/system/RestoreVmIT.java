package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonArray;
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
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Whole-VM restore end to end through the hub's API: vcsim (with our test hooks) holds two-disk VMs
 * whose disks the test fills; a point (full + incremental) is restored as a new VM, which the
 * simulator's own view must show with the recorded hardware, and whose disks, downloaded through
 * the datastore file service, must equal the point's disks ({@code qemu-img compare}). A datastore
 * too small and a cancelled restore leave no VM. A restore over the original, once it is powered
 * off, replaces it keeping its name and MAC addresses ({@link ReplacingRestore}).
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class RestoreVmIT {
  private static final String USER = "admin";
  private static final String PASSWORD = "vcsim-Restore-1";
  private static final long DISK = 64L << 20;
  private static final String DATASTORE = "LocalDS_0";
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

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
                "-vms=2",
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
  void aTwoDiskPointBecomesANewVmWithTheRecordedHardwareAndIdenticalDisks() throws Exception {
    String vm = "DC0_H0_VM0";
    JsonObject point = pointOf(vm, 11);
    long backupId = point.getJsonObject("backup").getJsonNumber("id").longValue();
    Path config = configFile(point);
    assertTrue(Files.isRegularFile(config), "the configuration lies next to the images: " + config);
    JsonObject recorded = api.object("restore/vms/configuration/" + backupId);
    JsonObject original = hooks.vm(vm).orElseThrow();
    assertEquals(original.getInt("cpus"), recorded.getInt("cpus"));
    assertEquals(List.of("DC0_DVPG0"), networks(recorded));

    JsonObject queued =
        api.post(
            "restore/vms",
            "{\"backupId\":"
                + backupId
                + ",\"powerOn\":true,\"networkMap\":{\"DC0_DVPG0\":\"VM Network\"}}",
            202);
    assertEquals("QUEUED", queued.getString("status"));
    JsonObject done = awaitEnd(queued.getJsonNumber("id").longValue());
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    String name = done.getString("name");
    assertTrue(name.matches(vm + "-restored-\\d{8}-\\d{4}"), name);

    JsonObject restored = hooks.vm(name).orElseThrow(() -> new AssertionError("no VM " + name));
    assertEquals(done.getString("vmId"), restored.getString("id"));
    assertEquals(recorded.getInt("cpus"), restored.getInt("cpus"));
    assertEquals(recorded.getInt("coresPerSocket"), restored.getInt("coresPerSocket"));
    assertEquals(recorded.getInt("memoryMib"), restored.getInt("memoryMB"));
    assertEquals(List.of("VM Network"), nicNetworks(restored));
    assertEquals("poweredOn", restored.getString("powerState"));
    JsonArray disks = restored.getJsonArray("disks");
    List<JsonObject> pointDisks = point.getJsonArray("disks").getValuesAs(JsonObject.class);
    assertEquals(pointDisks.size(), disks.size());
    for (JsonObject d : pointDisks) {
      JsonObject target = disks.getJsonObject(d.getInt("index"));
      assertEquals(
          d.getJsonNumber("capacityBytes").longValue(),
          target.getJsonNumber("capacityBytes").longValue());
    }
    Qemu.assertMatches(repository, point, hooks.downloadDisks(restored, tmp));
    report(done);
    assertEquals(
        "poweredOn", hooks.vm(vm).orElseThrow().getString("powerState"), "the original stays");
    JsonObject activity = restoreActivity(queued.getJsonNumber("id").longValue());
    assertEquals("admin", activity.getString("user"), activity.toString());
    assertEquals(
        "VM " + vm + " as " + name + " (restore job " + queued.getJsonNumber("id") + ")",
        activity.getString("what"));
    assertEquals("COMPLETED", activity.getString("outcome"), activity.toString());
  }

  /** The whole-VM restore's row in the restore activity report of the last day. */
  private JsonObject restoreActivity(long job) throws Exception {
    List<JsonObject> rows =
        api.object("reports/restores?days=1").getJsonArray("restores").stream()
            .map(JsonValue::asJsonObject)
            .filter(r -> r.getString("what").endsWith("(restore job " + job + ")"))
            .toList();
    assertEquals(1, rows.size(), "one row for restore job " + job + ": " + rows);
    assertEquals("VM_RESTORE", rows.get(0).getString("kind"), rows.toString());
    return rows.get(0);
  }

  @Test
  void aDatastoreTooSmallIsRefusedBeforeAnythingExists() throws Exception {
    String vm = "DC0_H0_VM1";
    JsonObject point = pointOf(vm, 21);
    long backupId = point.getJsonObject("backup").getJsonNumber("id").longValue();
    String body = "{\"backupId\":" + backupId + ",\"name\":\"too-big\"}";
    hooks.freeBytes(DATASTORE, 32L << 20);
    try {
      HttpResponse<String> check = api.post("restore/vms/check", body);
      assertEquals(409, check.statusCode(), check.body());
      assertTrue(check.body().contains("33554432 bytes free"), check.body());
      JsonObject failed =
          awaitEnd(api.post("restore/vms", body, 202).getJsonNumber("id").longValue());
      assertEquals("FAILED", failed.getString("status"));
      assertTrue(failed.getString("error").contains("33554432 bytes free"), failed.toString());
      assertTrue(failed.getString("error").endsWith("Nothing was created."), failed.toString());
    } finally {
      hooks.freeBytes(DATASTORE, 1L << 40);
    }
    assertTrue(hooks.vm("too-big").isEmpty(), "no VM");
    assertFalse(Files.exists(vcsim.datastores().get(DATASTORE).resolve("too-big")), "no folder");
  }

  @Test
  void aCancelledRestoreDeletesItsHalfMadeVmAndTheOriginalIsReplacedOnlyConfirmedAndPoweredOff()
      throws Exception {
    String vm = "DC0_C0_RP0_VM0";
    JsonObject point = pointOf(vm, 31);
    long backupId = point.getJsonObject("backup").getJsonNumber("id").longValue();
    HttpResponse<String> unconfirmed =
        api.post(
            "restore/vms",
            "{\"backupId\":" + backupId + ",\"replaceOriginal\":true,\"confirmName\":\"nope\"}");
    assertEquals(400, unconfirmed.statusCode(), unconfirmed.body());
    HttpResponse<String> poweredOn =
        api.post(
            "restore/vms",
            "{\"backupId\":"
                + backupId
                + ",\"replaceOriginal\":true,\"confirmName\":\""
                + vm
                + "\"}");
    assertEquals(409, poweredOn.statusCode(), poweredOn.body());
    assertTrue(poweredOn.body().contains("power it off"), poweredOn.body());

    hooks.uploads("cancel-me", false, 200);
    long id =
        api.post("restore/vms", "{\"backupId\":" + backupId + ",\"name\":\"cancel-me\"}", 202)
            .getJsonNumber("id")
            .longValue();
    api.await(
        "restore/vms/" + id, r -> r.getJsonNumber("bytesDone").longValue() >= (8L << 20), TIMEOUT);
    assertTrue(hooks.vm("cancel-me").isPresent(), "the VM exists while its disks are written");
    api.post("restore/vms/" + id + "/cancel", "", 200);
    JsonObject cancelled = awaitEnd(id);
    hooks.uploads("cancel-me", false, 0);
    assertEquals("FAILED", cancelled.getString("status"));
    assertTrue(
        cancelled.getString("error").startsWith("The restore was cancelled."),
        cancelled.toString());
    assertTrue(hooks.vm("cancel-me").isEmpty(), "the half-made VM is gone");
    assertFalse(
        Files.exists(vcsim.datastores().get(DATASTORE).resolve("cancel-me")), "and its files");
    assertTrue(hooks.vm(vm).isPresent(), "the original is untouched");
    JsonObject activity = restoreActivity(id);
    assertEquals("FAILED", activity.getString("outcome"), activity.toString());
    assertEquals(cancelled.getString("error"), activity.getString("detail"));

    // Powered off, the original is replaced when confirmed (no other class uses this vcsim).
    JsonObject replaced =
        ReplacingRestore.overTheOriginal(api, hooks, repository, point, vm, tmp, TIMEOUT);
    // The catalog's row of the original now names the new VM: a discovery keeps it PRESENT (no
    // second row of that name) and its next backup reads the new VM.
    long row = point.getJsonObject("backup").getJsonNumber("vmId").longValue();
    api.post("sources/" + sourceId + "/discover", "", 200);
    JsonObject context = api.object("vm-contexts/" + row);
    assertEquals(replaced.getString("vmId"), context.getString("moref"), context.toString());
    assertEquals("PRESENT", context.getString("state"), context.toString());
    List<Long> rows =
        api.array("vm-contexts?source=" + sourceId + "&name=" + vm + "&include_gone=true").stream()
            .map(JsonValue::asJsonObject)
            .filter(v -> v.getString("name").equals(vm))
            .map(v -> v.getJsonNumber("id").longValue())
            .toList();
    assertEquals(List.of(row), rows);
    JsonObject after = api.object("backups/" + BackupFixture.backUp(api, row, repositoryId));
    Path again = Files.createDirectories(tmp.resolve("after-replace"));
    Qemu.assertMatches(repository, after, hooks.downloadDisks(hooks.vm(vm).orElseThrow(), again));
  }

  @Test
  void theRestorePageRestoresAVmStepByStepAndTheJobsConsoleShowsIt() throws Exception {
    String vm = "DC0_C0_RP0_VM1";
    JsonObject point = pointOf(vm, 41);
    long backupId = point.getJsonObject("backup").getJsonNumber("id").longValue();
    JsonObject recorded = api.object("restore/vms/configuration/" + backupId);
    try (Chromium chromium = new Chromium(deployedAt)) {
      chromium.logInAsAdmin();
      By row = By.xpath("//tbody[@id='restore:points_data']/tr[@data-rk='" + backupId + "']/td[1]");
      chromium.openRestoreVm(point.getJsonObject("backup").getJsonNumber("vmId").longValue(), row);
      chromium.pickRestorePoint(row);
      click(chromium, "restore:restore-vm");
      chromium.wait.until(
          d ->
              d.findElement(By.id("restore:rec-cpus"))
                  .getText()
                  .startsWith(recorded.getInt("cpus") + " "));
      chromium.screenshot("vm-restore-point");
      assertEquals(List.of(), chromium.inBothThemes(null));
      String header =
          chromium.browser.findElement(By.id("restore:vm-restore-steps_header")).getText();
      assertTrue(header.startsWith("Restore VM · " + vm + " at "), header);
      assertFalse(
          header.matches(".*\\d{4}-\\d{2}-\\d{2}T.*"), "a time as people read it: " + header);
      click(chromium, "restore:vm-restore-next");
      chromium.wait.until(
          d ->
              d.findElement(By.id("restore:target-datastore"))
                  .getAttribute("value")
                  .equals(DATASTORE));
      assertEquals(List.of(), chromium.inBothThemes(null));
      click(chromium, "restore:vm-restore-next");
      WebElement name =
          chromium.wait.until(
              ExpectedConditions.elementToBeClickable(By.id("restore:option-name")));
      name.sendKeys("page-restored");
      WebElement network = chromium.browser.findElement(By.id("restore:network-map:0:network-to"));
      network.clear();
      network.sendKeys("VM Network");
      assertEquals(List.of(), chromium.inBothThemes(null));
      click(chromium, "restore:vm-restore-next");
      chromium.wait.until(
          d -> d.findElement(By.id("restore:resolved-datastore")).getText().equals(DATASTORE));
      chromium.screenshot("vm-restore-confirm");
      assertEquals(List.of(), chromium.inBothThemes(null));
      // The progress follows the restore through pushes on the jobs channel, not a poll: slowed a
      // little (vcsim takes the disks at 100 ms per MiB) so that the page sees it run.
      assertEquals(1L, number(chromium.liveState(), "open"), "the page's push socket is open");
      chromium.countRequests();
      long refreshes = number(chromium.liveState(), "refreshes");
      hooks.uploads("page-restored", false, 100);
      click(chromium, "restore:vm-restore-start");
      String status =
          chromium
              .wait
              .withTimeout(TIMEOUT)
              .until(
                  d -> {
                    String text = d.findElement(By.id("restore:vm-restore-status")).getText();
                    return Set.of("COMPLETED", "FAILED", "STOPPED").contains(text) ? text : null;
                  });
      assertEquals(
          "COMPLETED",
          status,
          () -> chromium.browser.findElement(By.id("vm-restore-error")).getText());
      hooks.uploads("page-restored", false, 0);
      chromium.screenshot("vm-restore-done");
      Map<String, Object> live = chromium.liveState();
      assertEquals(0L, number(live, "pollStarts"), "never polled: " + live);
      assertTrue(number(live, "refreshes") > refreshes, "pushes refreshed the progress: " + live);
      long requests = chromium.requests();
      Thread.sleep(3_000); // measuring that the page asks for nothing once the restore ended
      assertEquals(requests, chromium.requests(), "nothing after the end: " + chromium.liveState());
      chromium.browser.get(chromium.url("jobs/job-list.xhtml?vm=page-restored"));
      // The jobs table is lazy (loaded after the page) and redrawn on the hub's pushes.
      String rows =
          chromium.awaitText(
              "the restore's job listed COMPLETED",
              By.id("jobs:table_data"),
              t -> t.contains("restore-vm") && t.contains("COMPLETED"));
      assertTrue(rows.contains(vm + " → page-restored"), rows);
    }
    JsonObject restored = hooks.vm("page-restored").orElseThrow();
    assertEquals(recorded.getInt("cpus"), restored.getInt("cpus"));
    assertEquals(List.of("VM Network"), nicNetworks(restored));
    assertEquals("poweredOff", restored.getString("powerState"), "power-on was not asked");
  }

  private static long number(Map<String, Object> state, String key) {
    return ((Number) state.get(key)).longValue();
  }

  /** The wizard's buttons: a click covered by the step's transition is aimed again. */
  private static void click(Chromium chromium, String id) throws Exception {
    chromium.click(By.id(id));
  }

  private JsonObject awaitEnd(long restoreId) throws Exception {
    return api.await(
        "restore/vms/" + restoreId,
        r -> Set.of("COMPLETED", "FAILED").contains(r.getString("status")),
        TIMEOUT);
  }

  /** Prints restore throughput and time to first byte, as the issue asks. */
  private static void report(JsonObject r) {
    Instant started = Instant.parse(r.getString("startedAt"));
    Instant first = Instant.parse(r.getString("firstByteAt"));
    Instant ended = Instant.parse(r.getString("endedAt"));
    long bytes = r.getJsonNumber("bytesTotal").longValue();
    double seconds = Duration.between(first, ended).toMillis() / 1000.0;
    System.out.printf(
        "VM restore of %d MiB: first byte after %d ms, %.1f s writing = %.1f MiB/s, %.1f s in all%n",
        bytes >> 20,
        Duration.between(started, first).toMillis(),
        seconds,
        (bytes >> 20) / seconds,
        Duration.between(started, ended).toMillis() / 1000.0);
  }

  /** A full and an incremental backup of {@code vm}; returns the incremental's detail. */
  private JsonObject pointOf(String vm, long seed) throws Exception {
    fill(vm, 1, seed);
    fill(vm, 2, seed + 1);
    backup(vm);
    change(vm, 1, seed + 2);
    change(vm, 2, seed + 3);
    JsonObject point = api.object("backups/" + backup(vm));
    assertEquals("INCREMENTAL", point.getJsonObject("backup").getString("type"));
    return point;
  }

  private long backup(String vm) throws Exception {
    return BackupFixture.backUp(api, VcsimHooks.vmId(api, sourceId, vm), repositoryId);
  }

  private Path configFile(JsonObject point) {
    String first = point.getJsonArray("disks").getJsonObject(0).getString("fileName");
    return repository.resolve(first.replaceAll("-disk-?\\d+\\.qcow2$", ".vm.json"));
  }

  private static List<String> networks(JsonObject config) {
    List<String> names = new ArrayList<>();
    for (JsonValue n : config.getJsonArray("nics")) {
      names.add(n.asJsonObject().getString("network"));
    }
    return names;
  }

  private static List<String> nicNetworks(JsonObject vm) {
    List<String> names = new ArrayList<>();
    for (JsonValue n : vm.getJsonArray("nics")) {
      names.add(n.asJsonObject().getString("network"));
    }
    return names;
  }

  private void fill(String vm, int disk, long seed) throws Exception {
    Random random = new Random(seed);
    try (RandomAccessFile file = new RandomAccessFile(hooks.flatFile(vm, disk).toFile(), "rw")) {
      byte[] mbr = new byte[512];
      mbr[510] = 0x55;
      mbr[511] = (byte) 0xAA;
      file.write(mbr);
      for (long at : new long[] {1 << 20, 9 << 20, 30 << 20, DISK - (1 << 20)}) {
        file.seek(at);
        file.write(bytes(random, 1 << 20));
      }
    }
  }

  private void change(String vm, int disk, long seed) throws Exception {
    Random random = new Random(seed);
    try (RandomAccessFile file = new RandomAccessFile(hooks.flatFile(vm, disk).toFile(), "rw")) {
      for (long at : new long[] {2 << 20, 40 << 20}) {
        file.seek(at);
        file.write(bytes(random, 512 << 10));
      }
    }
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
