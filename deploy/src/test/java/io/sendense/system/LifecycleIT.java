package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.point.PointManifests;
import io.sendense.image.point.PointVerifier;
import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.RandomAccessFile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The restore point lifecycle in the real hub (Payara, MariaDB, vcsim, qemu-img): retention that
 * merges points out of their chains, and verification that finds a damaged image.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class LifecycleIT {
  private static final long DISK = 16L << 20;
  private static final String USER = "admin";
  private static final String PASSWORD = "lifecycle-Secret-1";
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private static VcsimProcess vcsim;
  private static VcsimHooks hooks;
  private static long sourceId;

  @ArquillianResource URL deployedAt;
  @TempDir Path tmp;
  private HubApi api;

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
    synchronized (LifecycleIT.class) {
      if (sourceId == 0) {
        sourceId = hooks.addAsSource(api, USER, PASSWORD);
      }
    }
  }

  @Test
  void aFlowKeepingTheLastTwoRunFourTimesKeepsTwoExactPointsAndOnlyTheirImages() throws Exception {
    String vm = "DC0_H0_VM0";
    long vmId = VcsimHooks.vmId(api, sourceId, vm);
    Path folder = Files.createDirectories(tmp.resolve("keep-last-2"));
    long repo = repository(folder);
    long flow =
        api.post(
                "protection-flows",
                "{\"name\":\"keep-2-"
                    + UUID.randomUUID()
                    + "\",\"targetVmId\":"
                    + vmId
                    + ",\"repositoryId\":"
                    + repo
                    + ",\"retention\":{\"last\":2}}",
                201)
            .getJsonNumber("id")
            .longValue();
    List<List<Path>> states = new ArrayList<>();
    for (int run = 1; run <= 4; run++) {
      write(vm, 1, 100 + run, run == 1 ? 12 : 2);
      write(vm, 2, 200 + run, run == 1 ? 12 : 3);
      states.add(copyDisks(vm, "run" + run));
      api.post("protection-flows/" + flow + "/execute", "", 202);
      int expected = run;
      api.await(
          "protection-flows/" + flow + "/status",
          f -> f.getInt("runsSucceeded") == expected && absent(f, "running"),
          TIMEOUT);
    }
    api.awaitArray(
        "protection-flows/" + flow + "/retention-history",
        h -> h.stream().filter(e -> e.getString("action").equals("DELETED")).count() == 2,
        TIMEOUT);
    List<JsonObject> points = completePoints(vm, repo);
    assertEquals(2, points.size(), points.toString());
    // newest first: run 4, then run 3
    assertExact(folder, api.object("backups/" + id(points.get(0))), states.get(3));
    assertExact(folder, api.object("backups/" + id(points.get(1))), states.get(2));
    Set<String> used = new TreeSet<>();
    for (JsonObject p : points) {
      for (JsonValue d : api.object("backups/" + id(p)).getJsonArray("disks")) {
        Path top = folder.resolve(d.asJsonObject().getString("fileName"));
        String chain = Qemu.run("info", "--backing-chain", "--output=json", top.toString());
        for (JsonValue image : HubApi.parse(chain).asJsonArray()) {
          used.add(Path.of(image.asJsonObject().getString("filename")).toRealPath().toString());
        }
      }
    }
    assertEquals(used, files(folder, ".qcow2"), "the repository holds exactly those images");
    List<String> manifests = new ArrayList<>(files(folder, PointManifests.SUFFIX));
    assertEquals(2, manifests.size(), manifests.toString());
    for (String m : manifests) {
      PointVerifier.Outcome outcome = PointVerifier.verify(Path.of(m));
      assertEquals(PointVerifier.Status.VERIFIED, outcome.status(), outcome.toString());
    }
    assertConfigurationFiles(folder, points, vm);
    List<JsonObject> history =
        HubApi.objects(api.array("protection-flows/" + flow + "/retention-history"));
    assertTrue(
        history.stream().allMatch(e -> e.getString("action").equals("DELETED")),
        history.toString());
    var previewed = api.post("protection-flows/" + flow + "/retention-preview", "{\"last\":1}");
    assertEquals(200, previewed.statusCode(), previewed.body());
    List<JsonObject> preview = HubApi.objects(HubApi.parse(previewed.body()).asJsonArray());
    assertEquals(List.of(true, false), preview.stream().map(r -> r.getBoolean("keep")).toList());
    assertEquals(id(points.get(0)), preview.get(0).getJsonNumber("backupId").longValue());
    assertEquals("no rule keeps it", preview.get(1).getString("reason"));
    assertFormPreview(flow);
    assertTrue(
        HubApi.objects(api.array("audit?limit=200")).stream()
            .anyMatch(
                e ->
                    e.getString("action").equals("backup.delete")
                        && e.getString("username", "").equals("retention")),
        "deletions are audited");
  }

  @Test
  void badRetentionRulesAreRefusedNamingTheField() throws Exception {
    long vmId = VcsimHooks.vmId(api, sourceId, "DC0_H0_VM0");
    long repo = repository(Files.createDirectories(tmp.resolve("bad-rules")));
    String base =
        "{\"name\":\"bad-"
            + UUID.randomUUID()
            + "\",\"targetVmId\":"
            + vmId
            + ",\"repositoryId\":"
            + repo;
    var negative = api.post("protection-flows", base + ",\"retention\":{\"daily\":-1}}");
    assertEquals(400, negative.statusCode(), negative.body());
    assertTrue(
        negative.body().contains("retention.daily must be between 0 and 10000"), negative.body());
    var differ =
        api.post("protection-flows", base + ",\"retentionCount\":3,\"retention\":{\"last\":2}}");
    assertEquals(400, differ.statusCode(), differ.body());
    assertTrue(differ.body().contains("retentionCount is an alias of retention.last"));
    JsonObject alias = api.post("protection-flows", base + ",\"retentionCount\":3}", 201);
    assertEquals(3, alias.getJsonObject("retention").getInt("last"), alias.toString());
    assertEquals(3, alias.getInt("retentionCount"));
  }

  @Test
  void aFlippedByteMarksThePointAndItsDependentsCorruptAndTheNextBackupIsAFull() throws Exception {
    String vm = "DC0_H0_VM1";
    long vmId = VcsimHooks.vmId(api, sourceId, vm);
    Path folder = Files.createDirectories(tmp.resolve("verify"));
    long repo = repository(folder);
    write(vm, 1, 7, 12);
    write(vm, 2, 8, 12);
    long full = BackupFixture.backUp(api, vmId, repo);
    write(vm, 1, 9, 2);
    long incremental = BackupFixture.backUp(api, vmId, repo);
    api.post("backups/" + incremental + "/verify", "", 202);
    JsonObject ok = awaitVerification(incremental);
    assertEquals("VERIFIED", ok.getString("status"), ok.toString());

    Path image =
        folder.resolve(
            api.object("backups/" + full)
                .getJsonArray("disks")
                .getJsonObject(0)
                .getString("fileName"));
    Qemu.flipDataByte(image);
    api.post("backups/" + full + "/verify", "", 202);
    JsonObject bad = awaitVerification(full);
    assertEquals("CORRUPT", bad.getString("status"), bad.toString());
    assertTrue(bad.getString("detail").contains("SHA-256"), bad.toString());
    JsonObject dependent =
        api.await("backups/" + incremental, b -> "CORRUPT".equals(status(b)), TIMEOUT)
            .getJsonObject("backup")
            .getJsonObject("verification");
    assertTrue(
        dependent.getString("detail").startsWith("built on point " + full), dependent.toString());

    long next = BackupFixture.backUp(api, vmId, repo);
    JsonObject point = api.object("backups/" + next);
    assertEquals("FULL", point.getJsonObject("backup").getString("type"), point.toString());
    for (JsonValue d : point.getJsonArray("disks")) {
      assertTrue(absent(d.asJsonObject(), "parentBackupId"), d.toString());
    }

    // Damage that no verification saw yet is found before a merge writes anything.
    write(vm, 1, 10, 2);
    long top = BackupFixture.backUp(api, vmId, repo);
    Path nextImage =
        folder.resolve(point.getJsonArray("disks").getJsonObject(0).getString("fileName"));
    Qemu.flipDataByte(nextImage);
    assertEquals(202, api.delete("backups/" + next).statusCode());
    JsonObject refused = awaitVerification(next);
    assertEquals("CORRUPT", refused.getString("status"), refused.toString());
    assertEquals(
        "COMPLETE", api.object("backups/" + next).getJsonObject("backup").getString("status"));
    assertTrue(
        api.awaitArray(
                "repositories/" + repo + "/merges",
                m -> m.stream().allMatch(r -> r.getString("state").equals("ROLLED_BACK")),
                TIMEOUT)
            .get(0)
            .getString("detail")
            .startsWith("not merged: "));
    assertEquals("CORRUPT", status(api.object("backups/" + top)), "its dependent too");
  }

  /** The flow form in Chromium previews what "keep the last 1" would do to the two points. */
  private void assertFormPreview(long flow) throws Exception {
    String name = api.object("protection-flows/" + flow).getString("name");
    try (Chromium chromium = new Chromium(deployedAt)) {
      chromium.logInAsAdmin();
      chromium.browser.get(chromium.url("flows/flow-list.xhtml"));
      // The flows page polls every 2 s and redraws the table: the row is found anew for the click.
      chromium.click(
          name + "'s Edit",
          b ->
              b.findElements(By.cssSelector("#flows\\:table tbody tr")).stream()
                  .filter(r -> r.getText().contains(name))
                  .findFirst()
                  .map(r -> r.findElement(By.xpath(".//button[@title='Edit']")))
                  .orElse(null));
      WebElement last =
          chromium.wait.until(
              ExpectedConditions.elementToBeClickable(By.id("editor:keepLast_input")));
      last.sendKeys(Keys.chord(Keys.CONTROL, "a"), "1", Keys.TAB);
      try {
        chromium.wait.until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("retention-summary"), "of 2 existing points 1 would be deleted"));
      } catch (org.openqa.selenium.TimeoutException e) {
        chromium.screenshot("retention-preview-failed");
        throw new AssertionError(
            "summary: "
                + chromium.browser.findElement(By.id("retention-summary")).getText()
                + ", field: "
                + last.getAttribute("value"),
            e);
      }
      String table =
          chromium.awaitText(
              "the preview table", By.id("editor:previewTable"), t -> t.contains("Kept: last 1"));
      assertTrue(table.contains("Deleted: no rule keeps it"), table);
      chromium.screenshot("retention-preview");
    }
  }

  private long repository(Path folder) throws Exception {
    return api.post(
            "repositories",
            BackupFixture.localRepository("lifecycle-" + UUID.randomUUID(), folder),
            201)
        .getJsonNumber("id")
        .longValue();
  }

  private JsonObject awaitVerification(long backupId) throws Exception {
    return api.await("backups/" + backupId, b -> status(b) != null, TIMEOUT)
        .getJsonObject("backup")
        .getJsonObject("verification");
  }

  private static String status(JsonObject detail) {
    JsonObject b = detail.getJsonObject("backup");
    return b.containsKey("verification") && !b.isNull("verification")
        ? b.getJsonObject("verification").getString("status")
        : null;
  }

  /** The VM's COMPLETE points in the repository, newest first, once none is DELETING. */
  private List<JsonObject> completePoints(String vm, long repo) throws Exception {
    String path = "backups?vm_name=" + vm + "&repository_id=" + repo;
    return api
        .awaitArray(
            path, a -> a.stream().noneMatch(b -> b.getString("status").equals("DELETING")), TIMEOUT)
        .stream()
        .filter(b -> b.getString("status").equals("COMPLETE"))
        .toList();
  }

  /** JSON-B leaves null fields out. */
  private static boolean absent(JsonObject o, String key) {
    return !o.containsKey(key) || o.isNull(key);
  }

  private static long id(JsonObject backup) {
    return backup.getJsonNumber("id").longValue();
  }

  private static void assertExact(Path folder, JsonObject point, List<Path> state)
      throws Exception {
    for (JsonValue value : point.getJsonArray("disks")) {
      JsonObject disk = value.asJsonObject();
      String out =
          Qemu.run(
              "compare",
              "-f",
              "qcow2",
              "-F",
              "raw",
              folder.resolve(disk.getString("fileName")).toString(),
              state.get(disk.getInt("index")).toString());
      assertTrue(out.contains("Images are identical"), out);
    }
  }

  /**
   * The VM configuration files are exactly those of the remaining points, named after their current
   * images (a merge hands the heir's file over to the merged images' name).
   */
  private void assertConfigurationFiles(Path folder, List<JsonObject> points, String vm)
      throws Exception {
    Set<String> expected = new TreeSet<>();
    for (JsonObject p : points) {
      String first =
          api.object("backups/" + id(p))
              .getJsonArray("disks")
              .getJsonObject(0)
              .getString("fileName");
      Path file = folder.resolve(first.replaceFirst("-disk-?\\d+\\.qcow2$", ".vm.json"));
      assertEquals(vm, HubApi.parse(Files.readString(file)).asJsonObject().getString("name"));
      expected.add(file.toRealPath().toString());
    }
    assertEquals(expected, files(folder, ".vm.json"), "no orphan configuration file");
  }

  private static Set<String> files(Path folder, String suffix) throws Exception {
    Set<String> found = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.filter(p -> p.toString().endsWith(suffix)).toList()) {
        found.add(p.toRealPath().toString());
      }
    }
    return found;
  }

  private List<Path> copyDisks(String vm, String tag) throws Exception {
    List<Path> copies = new ArrayList<>();
    for (int n = 1; n <= 2; n++) {
      Path copy = tmp.resolve(vm + "-" + tag + "-disk" + n + ".raw");
      Files.copy(hooks.flatFile(vm, n), copy);
      copies.add(copy);
    }
    return copies;
  }

  /** Writes {@code regions} random 256 KiB regions at seeded places of a disk. */
  private void write(String vm, int disk, long seed, int regions) throws Exception {
    Random random = new Random(seed);
    try (RandomAccessFile file = new RandomAccessFile(hooks.flatFile(vm, disk).toFile(), "rw")) {
      for (int i = 0; i < regions; i++) {
        file.seek((long) random.nextInt((int) (DISK >> 18)) << 18);
        byte[] data = new byte[256 << 10];
        random.nextBytes(data);
        file.write(data);
      }
    }
  }
}
