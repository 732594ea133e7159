package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Immutable points in the real hub (Payara, MariaDB, vcsim): a point written into a repository that
 * is "immutable for 1 day" refuses deletion through the API, the machine details page (Chromium)
 * and retention, its files refuse deletion on the local folder (read-only and the immutable
 * attribute: the tests run as root), its lock is extended but never shortened, and once the lock
 * has ended the hub deletes it with its files.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class ImmutablePointsIT {
  private static final long DISK = 8L << 20;
  private static final String USER = "admin";
  private static final String PASSWORD = "immutable-Secret-1";
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
                "-extra-disks=0",
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
    synchronized (ImmutablePointsIT.class) {
      if (sourceId == 0) {
        sourceId = hooks.addAsSource(api, USER, PASSWORD);
      }
    }
  }

  /** The immutable attribute would keep JUnit from removing the temporary folder. */
  @AfterEach
  void clearAttributes() throws Exception {
    new ProcessBuilder("chattr", "-R", "-i", tmp.toString()).inheritIO().start().waitFor();
  }

  @Test
  void anImmutablePointRefusesDeletionByApiPageRetentionAndOnTheFolder() throws Exception {
    long vmId = VcsimHooks.vmId(api, sourceId, "DC0_H0_VM0");
    Path folder = Files.createDirectories(tmp.resolve("immutable"));
    long repo = repository(folder, 1);
    JsonObject repository = api.object("repositories/" + repo);
    assertEquals(1, repository.getInt("immutableDays"));
    assertEquals("FILES", repository.getString("immutableEnforcement"));
    long flow =
        api.post(
                "protection-flows",
                "{\"name\":\"immutable-"
                    + UUID.randomUUID()
                    + "\",\"targetVmId\":"
                    + vmId
                    + ",\"repositoryId\":"
                    + repo
                    + ",\"retention\":{\"last\":1}}",
                201)
            .getJsonNumber("id")
            .longValue();
    for (int run = 1; run <= 2; run++) {
      api.post("protection-flows/" + flow + "/execute", "", 202);
      int expected = run;
      api.await(
          "protection-flows/" + flow + "/status",
          f ->
              f.getInt("runsSucceeded") == expected
                  && (!f.containsKey("running") || f.isNull("running")),
          TIMEOUT);
    }
    List<JsonObject> points =
        HubApi.objects(api.array("backups?vm_id=" + vmId + "&repository_id=" + repo)).stream()
            .filter(b -> b.getString("status").equals("COMPLETE"))
            .toList();
    assertEquals(2, points.size(), "retention kept the older point: " + points);
    JsonObject older = points.get(1);
    long olderId = older.getJsonNumber("id").longValue();
    Instant completed = Instant.parse(older.getString("completedAt"));
    Instant until = Instant.parse(older.getString("immutableUntil"));
    assertEquals(completed.plus(Duration.ofDays(1)), until, "completion plus one day");
    assertEquals("IMMUTABLE_ATTRIBUTE", older.getString("fileProtection"));

    // Retention: deferred, with the reason, in the flow's history.
    List<JsonObject> history =
        api.awaitArray(
            "protection-flows/" + flow + "/retention-history",
            h -> h.stream().anyMatch(e -> e.getString("action").equals("DEFERRED")),
            TIMEOUT);
    JsonObject deferred =
        history.stream().filter(e -> e.getString("action").equals("DEFERRED")).findFirst().get();
    assertEquals(olderId, deferred.getJsonNumber("backupId").longValue());
    assertTrue(
        deferred.getString("detail").contains("immutable until " + until), deferred.toString());

    // The API: 409 naming the expiry; the point and its files stay.
    HttpResponse<String> refused = api.delete("backups/" + olderId);
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("immutable until " + until), refused.body());

    // A lock is extended, never shortened.
    HttpResponse<String> shorter =
        api.post(
            "backups/" + olderId + "/immutable",
            "{\"until\":\"" + until.minus(Duration.ofHours(1)) + "\"}");
    assertEquals(409, shorter.statusCode(), shorter.body());
    Instant later = until.plus(Duration.ofDays(2));
    JsonObject extended =
        api.post("backups/" + olderId + "/immutable", "{\"until\":\"" + later + "\"}", 200);
    assertEquals(later, Instant.parse(extended.getString("immutableUntil")));

    // The local folder: every file of the point refuses deletion, also to root.
    List<Path> files = pointFiles(folder, olderId);
    assertEquals(3, files.size(), "image, manifest and VM configuration: " + files);
    for (Path f : files) {
      assertThrows(IOException.class, () -> Files.delete(f), f + " was deleted");
      assertTrue(Files.exists(f));
      assertFalse(Files.isWritable(f) && !lsattr(f).contains("i"), f + " is writable");
      assertTrue(lsattr(f).split(" ")[0].contains("i"), lsattr(f));
    }

    // The page: machine details, Delete on the point's row, confirmed: refused with the expiry.
    try (Chromium chromium = new Chromium(deployedAt)) {
      chromium.logInAsAdmin();
      chromium.browser.get(chromium.url("sources/vm-detail.xhtml?id=" + vmId));
      try {
        By delete = By.xpath("//button[@title='Delete restore point " + olderId + "']");
        chromium.wait.until(ExpectedConditions.elementToBeClickable(delete)).click();
        chromium
            .wait
            .until(
                ExpectedConditions.elementToBeClickable(
                    By.xpath("//button[contains(@class,'ui-confirmdialog-yes')]")))
            .click();
        chromium.wait.until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".ui-growl"), "immutable until " + later));
      } finally {
        chromium.screenshot("immutable-point-refused");
      }
    }
    assertEquals(
        "COMPLETE", api.object("backups/" + olderId).getJsonObject("backup").getString("status"));
    for (Path f : files) {
      assertTrue(Files.exists(f), f + " is gone");
    }

    // Its lock ended (moved into the past in the catalog), but the newer point built on it is
    // still immutable: taking the older out would commit the newer's image into it and delete the
    // newer's file, so the hub refuses.
    JsonObject newer = points.get(0);
    long newerId = newer.getJsonNumber("id").longValue();
    expire(olderId);
    HttpResponse<String> merge = api.delete("backups/" + olderId);
    assertEquals(409, merge.statusCode(), merge.body());
    assertTrue(
        merge.body().contains("point " + newerId + ", which would be merged into it, is immutable"),
        merge.body());

    // Once both locks have ended the hub merges the older point out: it clears the attribute it
    // set, and the newer point still reads the same.
    Path newerImage =
        folder.resolve(
            api.object("backups/" + newerId)
                .getJsonArray("disks")
                .getJsonObject(0)
                .getString("fileName"));
    Path flat = tmp.resolve("newer.raw");
    Qemu.run("convert", "-O", "raw", newerImage.toString(), flat.toString());
    expire(newerId);
    HttpResponse<String> deleted = api.delete("backups/" + olderId);
    assertEquals(202, deleted.statusCode(), deleted.body());
    api.awaitArray(
        "backups?vm_id=" + vmId + "&repository_id=" + repo,
        a -> a.size() == 1 && a.get(0).getString("status").equals("COMPLETE"),
        TIMEOUT);
    JsonObject left = api.object("backups/" + newerId);
    for (JsonValue d : left.getJsonArray("disks")) {
      Path image = folder.resolve(d.asJsonObject().getString("fileName"));
      String check = Qemu.run("check", image.toString());
      assertTrue(check.contains("No errors"), check);
      String compare = Qemu.run("compare", "-F", "raw", image.toString(), flat.toString());
      assertTrue(compare.contains("Images are identical"), compare);
      assertFalse(lsattr(image).split(" ")[0].contains("i"), lsattr(image));
    }
  }

  private static void expire(long backupId) throws Exception {
    try (java.sql.Connection db = HubEnvironment.catalog();
        java.sql.PreparedStatement s =
            db.prepareStatement(
                "UPDATE backups SET immutable_until = '2000-01-01 00:00:00' WHERE id = ?")) {
      s.setLong(1, backupId);
      assertEquals(1, s.executeUpdate());
    }
  }

  @Test
  void immutableDaysOutOfRangeAreRefusedNamingTheField() throws Exception {
    HttpResponse<String> r =
        api.post(
            "repositories",
            BackupFixture.localRepositoryJson("bad-" + UUID.randomUUID(), tmp)
                .add("immutableDays", -3)
                .build()
                .toString());
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("immutableDays must be between 0"), r.body());
  }

  private long repository(Path folder, int days) throws Exception {
    return api.post(
            "repositories",
            BackupFixture.localRepositoryJson("imm-" + UUID.randomUUID(), folder)
                .add("immutableDays", days)
                .build()
                .toString(),
            201)
        .getJsonNumber("id")
        .longValue();
  }

  /** The point's image(s), its manifest and its VM configuration file. */
  private List<Path> pointFiles(Path folder, long backupId) throws Exception {
    JsonObject detail = api.object("backups/" + backupId);
    String image = detail.getJsonArray("disks").getJsonObject(0).getString("fileName");
    String stem = image.replaceFirst("-disk-?\\d+\\.qcow2$", "");
    try (var walk = Files.list(folder.resolve(image).getParent())) {
      return walk.filter(
              p -> {
                String rel = folder.relativize(p).toString();
                return rel.equals(image)
                    || rel.equals(stem + ".vm.json")
                    || (rel.endsWith(".point.json") && readsAsPoint(p, backupId));
              })
          .sorted()
          .toList();
    }
  }

  private static boolean readsAsPoint(Path manifest, long backupId) {
    try {
      return HubApi.parse(Files.readString(manifest))
              .asJsonObject()
              .getJsonNumber("catalogId")
              .longValue()
          == backupId;
    } catch (IOException e) {
      return false;
    }
  }

  private static String lsattr(Path f) throws Exception {
    Process p = new ProcessBuilder("lsattr", "-d", f.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor();
    return out;
  }
}
