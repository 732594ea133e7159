package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * File-level and whole-disk restore through the hub's API and the Restore page: a vcsim VM whose
 * first disk holds a real MBR + ext4 guest disk (built with sfdisk and mkfs.ext4 -d, no mounting)
 * is backed up twice (full, then incremental after a file changed); every downloaded file is
 * compared by SHA-256 with the folder the file system was made from.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class RestoreIT {
  private static final String USER = "admin";
  private static final String PASSWORD = "vcsim-Restore-1";
  private static final long DISK = 64L << 20;
  private static final String VM = "DC0_H0_VM0";
  private static final int MANY = 3000;

  private static VcsimProcess vcsim;
  private static VcsimHooks hooks;
  private static Points points;

  @ArquillianResource URL deployedAt;
  private HubApi api;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * The two restore points, the folders their file systems were made from, disk copies, and the
   * source (vcsim).
   */
  record Points(
      long first, long second, Path v1, Path v2, Path rawAtFirst, Path rawAtSecond, long source) {}

  @Deployment(testable = false)
  static WebArchive deployment() {
    return HubDeployment.war();
  }

  @BeforeAll
  static void startVcsim() throws Exception {
    // A rerun of the class (sendense.it.reruns) meets a new simulator: nothing of the last is kept.
    points = null;
    vcsim =
        VcsimProcess.start(
            Path.of(System.getProperty("sendense.it.vcsim-build")),
            List.of(
                "-username=" + USER,
                "-password=" + PASSWORD,
                "-vms=1",
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
    synchronized (RestoreIT.class) {
      if (points == null) {
        points = makePoints();
      }
    }
  }

  @Test
  void filesAndFoldersDownloadedFromAMountMatchTheGuestFiles() throws Exception {
    JsonObject mount = mount(points.first());
    String id = mount.getString("mountId");
    JsonArray partitions = mount.getJsonArray("partitions");
    JsonObject p1 = partitions.getJsonObject(0);
    assertEquals("1", p1.getString("id"));
    assertTrue(p1.getString("name").contains("EXT4"), p1.toString());
    assertTrue(p1.getString("name").startsWith("Partition 1 - data"), p1.toString());
    assertEquals("ext4", p1.getString("fileSystem"));
    assertTrue(p1.getBoolean("readable"));
    JsonObject p2 = partitions.getJsonObject(1);
    assertFalse(p2.getBoolean("readable"), p2.toString());
    assertFalse(p2.getString("reason", "").isBlank(), p2.toString());

    List<JsonObject> root = list(id, "1", "");
    List<String> names = root.stream().map(e -> e.getString("name")).toList();
    assertEquals(List.of("docs", "lost+found", "many", "other"), names.subList(0, 4));
    assertEquals(
        List.of("empty.txt", "hello.txt", "ünïcødé name.txt"), names.subList(4, names.size()));
    assertEquals("directory", root.get(0).getString("type"));
    JsonObject hello = root.get(5);
    assertEquals("hello.txt", hello.getString("path"));
    assertEquals(
        Files.size(points.v1().resolve("hello.txt")), hello.getJsonNumber("size").longValue());
    assertTrue(hello.containsKey("modified"), hello.toString());
    JsonObject link =
        list(id, "1", "docs").stream()
            .filter(e -> e.getString("name").equals("link-to-report"))
            .findFirst()
            .orElseThrow();
    assertEquals("symlink", link.getString("type"));
    assertEquals("report.txt", link.getString("linkTarget"));

    for (String file :
        List.of(
            "hello.txt", "empty.txt", "docs/big.bin", "docs/sub/deep.txt", "ünïcødé name.txt")) {
      HttpResponse<byte[]> r = download(id, "1", file);
      assertEquals(200, r.statusCode(), file);
      assertEquals(sha(Files.readAllBytes(points.v1().resolve(file))), sha(r.body()), file);
      assertEquals(
          Long.toString(Files.size(points.v1().resolve(file))),
          r.headers().firstValue("Content-Length").orElseThrow(),
          file);
      assertEquals("bytes", r.headers().firstValue("Accept-Ranges").orElse(""));
      assertTrue(
          r.headers().firstValue("Content-Disposition").orElse("").contains("filename*=UTF-8''"),
          r.headers().toString());
    }
    assertEquals(204, api.delete("restore/mounts/" + id).statusCode());
    assertEquals(404, api.get("restore/mounts/" + id + "/files?partition=1&path=").statusCode());
  }

  @Test
  void aRangeRequestResumesADownloadWithExactlyTheAskedBytes() throws Exception {
    String id = mount(points.first()).getString("mountId");
    byte[] big = Files.readAllBytes(points.v1().resolve("docs/big.bin"));
    HttpResponse<byte[]> part = download(id, "1", "docs/big.bin", "Range", "bytes=1000000-1999999");
    assertEquals(206, part.statusCode());
    assertEquals(
        "bytes 1000000-1999999/" + big.length,
        part.headers().firstValue("Content-Range").orElseThrow());
    assertArrayEquals(Arrays.copyOfRange(big, 1000000, 2000000), part.body());
    HttpResponse<byte[]> tail = download(id, "1", "docs/big.bin", "Range", "bytes=-100");
    assertArrayEquals(Arrays.copyOfRange(big, big.length - 100, big.length), tail.body());
    HttpResponse<byte[]> outside =
        download(id, "1", "docs/big.bin", "Range", "bytes=" + big.length + "-");
    assertEquals(416, outside.statusCode());
    assertEquals(
        "bytes */" + big.length, outside.headers().firstValue("Content-Range").orElseThrow());
    assertAudited("restore.download", "backup " + points.first() + " disk 0 partition 1");
    api.delete("restore/mounts/" + id);
  }

  @Test
  void aFolderAndASelectionDownloadAsZipsWithEveryEntryAndTheSkippedOnesNamed() throws Exception {
    String id = mount(points.first()).getString("mountId");
    HttpResponse<byte[]> folder = download(id, "1", "docs");
    assertEquals(200, folder.statusCode());
    assertEquals("application/zip", folder.headers().firstValue("Content-Type").orElseThrow());
    Map<String, String> zip = unzip(folder.body());
    Map<String, String> expected = hashes(points.v1().resolve("docs"), "docs/");
    String errors = zip.remove("RESTORE-ERRORS.txt");
    assertEquals(expected, zip);
    assertTrue(errors.contains("/docs/link-to-report: symbolic link"), errors);

    String body =
        "{\"partition\":\"1\",\"paths\":[\"docs/sub/deep.txt\",\"other/deep.txt\",\"hello.txt\","
            + "\"docs/sub\"]}";
    HttpResponse<byte[]> selection =
        send(
            HttpRequest.newBuilder(api("restore/mounts/" + id + "/download"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertEquals(200, selection.statusCode(), new String(selection.body(), StandardCharsets.UTF_8));
    Map<String, String> picked = unzip(selection.body());
    assertEquals(
        Map.of(
            "deep.txt", fileHash(points.v1().resolve("docs/sub/deep.txt")),
            "deep (2).txt", fileHash(points.v1().resolve("other/deep.txt")),
            "hello.txt", fileHash(points.v1().resolve("hello.txt")),
            "sub/deep.txt", fileHash(points.v1().resolve("docs/sub/deep.txt"))),
        picked);
    api.delete("restore/mounts/" + id);
  }

  @Test
  void badPathsAre400UnknownOnes404AndUnreadableOnes422() throws Exception {
    String id = mount(points.first()).getString("mountId");
    for (String bad : List.of("../etc", "docs/../../x", "/etc/passwd", "docs\\sub", "a\0b")) {
      HttpResponse<String> r =
          api.get("restore/mounts/" + id + "/files?partition=1&path=" + encode(bad));
      assertEquals(400, r.statusCode(), bad + ": " + r.body());
      assertTrue(r.body().contains("\"error\":\"bad_request\""), r.body());
      assertEquals(400, download(id, "1", bad).statusCode(), bad);
    }
    assertEquals(
        404, api.get("restore/mounts/" + id + "/files?partition=1&path=nope").statusCode());
    assertEquals(404, download(id, "1", "docs/nope.txt").statusCode());
    assertEquals(404, api.get("restore/mounts/" + id + "/files?partition=9&path=").statusCode());
    assertEquals(
        404, api.get("restore/mounts/" + UUID.randomUUID() + "/files?partition=1").statusCode());
    HttpResponse<String> noFs = api.get("restore/mounts/" + id + "/files?partition=2&path=");
    assertEquals(422, noFs.statusCode(), noFs.body());
    HttpResponse<byte[]> link = download(id, "1", "docs/link-to-report");
    assertEquals(422, link.statusCode());
    assertTrue(new String(link.body(), StandardCharsets.UTF_8).contains("symbolic link"));
    api.delete("restore/mounts/" + id);
  }

  @Test
  void aFileFoundByNameDownloadsLikeABrowsedOneAndBadSearchesAre400() throws Exception {
    String id = mount(points.first()).getString("mountId");
    JsonObject found = search(id, "name=DEEP", 200);
    assertEquals(
        List.of("docs/sub/deep.txt", "other/deep.txt"),
        found.getJsonArray("matches").stream()
            .map(m -> m.asJsonObject().getString("path"))
            .toList());
    JsonObject deep = found.getJsonArray("matches").getJsonObject(1);
    assertEquals("deep.txt", deep.getString("name"));
    assertEquals("file", deep.getString("type"));
    assertEquals(
        Files.size(points.v1().resolve("other/deep.txt")), deep.getJsonNumber("size").longValue());
    assertFalse(found.getBoolean("truncated"), found.toString());
    assertEquals("", found.getString("stoppedBy", ""));
    assertEquals(3013, found.getJsonNumber("entriesSearched").longValue(), "every entry once");
    assertEquals(0, found.getJsonArray("skipped").size(), found.toString());
    HttpResponse<byte[]> file = download(id, "1", deep.getString("path"));
    assertEquals(200, file.statusCode());
    assertEquals(fileHash(points.v1().resolve("other/deep.txt")), sha(file.body()));

    JsonObject cut = search(id, "name=F00&path=many&limit=5", 200);
    assertEquals(
        List.of("f0000.txt", "f0001.txt", "f0002.txt", "f0003.txt", "f0004.txt"),
        cut.getJsonArray("matches").stream().map(m -> m.asJsonObject().getString("name")).toList());
    assertTrue(cut.getBoolean("truncated"), cut.toString());
    assertEquals("limit", cut.getString("stoppedBy"));
    assertEquals("many", cut.getString("path"));

    for (String bad :
        List.of("name=deep&path=" + encode("../etc"), "name=%20", "name=", "name=a&limit=1001")) {
      HttpResponse<String> r = api.get("restore/mounts/" + id + "/search?partition=1&" + bad);
      assertEquals(400, r.statusCode(), bad + ": " + r.body());
      assertTrue(r.body().contains("\"error\":\"bad_request\""), r.body());
    }
    assertEquals(
        400,
        api.get("restore/mounts/" + id + "/search?partition=1&name=" + "x".repeat(256))
            .statusCode());
    JsonObject missing = search(id, "name=a&path=nope", 404);
    assertTrue(missing.getString("message").contains("/nope"), missing.toString());
    assertEquals(
        404,
        api.get("restore/mounts/" + UUID.randomUUID() + "/search?partition=1&name=a").statusCode());
    api.delete("restore/mounts/" + id);
  }

  private JsonObject search(String mount, String query, int status) throws Exception {
    HttpResponse<String> r = api.get("restore/mounts/" + mount + "/search?partition=1&" + query);
    assertEquals(status, r.statusCode(), query + ": " + r.body());
    return HubApi.jsonObject(r.body());
  }

  @Test
  void listingAFolderOfThreeThousandEntriesPageByPageTakesWellUnderASecond() throws Exception {
    String id = mount(points.first()).getString("mountId");
    // A bearer token, as scripts use: HTTP Basic pays the password hash (PBKDF2) on every call.
    String token =
        api.post("me/tokens", "{\"name\":\"list-" + UUID.randomUUID() + "\"}", 201)
            .getString("token");
    HubApi tokenApi = new HubApi(deployedAt, "Bearer " + token);
    String url = "restore/mounts/" + id + "/files?partition=1&path=many";
    long first = 0;
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      HttpResponse<String> many = tokenApi.get(url);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(200, many.statusCode(), many.body());
      assertEquals(1000, HubApi.parse(many.body()).asJsonArray().size(), "a page of at most 1000");
      assertEquals(
          String.valueOf(MANY), many.headers().firstValue("X-Total-Count").orElse(""), url);
      first = i == 0 ? ms : first;
      best = Math.min(best, ms);
    }
    HttpResponse<String> last = tokenApi.get(url + "&offset=" + (MANY - 500));
    assertEquals(500, HubApi.parse(last.body()).asJsonArray().size(), "the last page");
    long basicStart = System.nanoTime();
    api.get(url);
    long basic = (System.nanoTime() - basicStart) / 1_000_000;
    System.out.printf(
        "RestoreIT: listing %d entries over the API with a token: first %d ms, best %d ms;"
            + " with HTTP Basic %d ms%n",
        MANY, first, best, basic);
    assertTrue(first < 1000 && best < 500, "first " + first + " ms, best " + best + " ms");
    api.delete("restore/mounts/" + id);
  }

  @Test
  void aViewerMayNotRestore() throws Exception {
    String name = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "viewer-password-12";
    api.post(
        "users",
        "{\"username\":\"" + name + "\",\"password\":\"" + password + "\",\"roles\":[\"viewer\"]}",
        201);
    HubApi viewer = new HubApi(deployedAt, HubClient.basic(name, password));
    String adminMount = mount(points.first()).getString("mountId");
    HttpResponse<String> refused =
        viewer.post("restore/mounts", "{\"backupId\":" + points.first() + ",\"diskIndex\":0}");
    assertEquals(403, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("operator"), refused.body());
    assertEquals(403, viewer.get("restore/mounts").statusCode());
    assertEquals(
        403, viewer.get("restore/mounts/" + adminMount + "/files?partition=1").statusCode());
    assertEquals(
        403,
        viewer.get("restore/mounts/" + adminMount + "/search?partition=1&name=a").statusCode());
    assertEquals(
        403, viewer.get("backups/" + points.first() + "/disks/0/image?format=raw").statusCode());
    assertEquals(200, viewer.get("backups/" + points.first()).statusCode(), "viewers still read");
    api.delete("restore/mounts/" + adminMount);
  }

  @Test
  void aBackupWithAnOpenSessionCannotBeDeleted() throws Exception {
    String id = mount(points.second()).getString("mountId");
    assertTrue(
        api.array("restore/mounts").stream()
            .anyMatch(m -> m.asJsonObject().getString("mountId").equals(id)));
    HttpResponse<String> refused = api.delete("backups/" + points.second());
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(
        refused.body().contains("a restore session has it open; close it or wait for it to expire"),
        refused.body());
    assertEquals(204, api.delete("restore/mounts/" + id).statusCode());
    assertFalse(
        api.array("restore/mounts").stream()
            .anyMatch(m -> m.asJsonObject().getString("mountId").equals(id)));
    assertEquals(200, api.get("backups/" + points.second()).statusCode());
  }

  @Test
  void theIncrementalPointShowsTheChangedFileAndTheFullOneTheOldFile() throws Exception {
    String first = mount(points.first()).getString("mountId");
    String second = mount(points.second()).getString("mountId");
    assertEquals(
        fileHash(points.v1().resolve("hello.txt")), sha(download(first, "1", "hello.txt").body()));
    assertEquals(
        fileHash(points.v2().resolve("hello.txt")), sha(download(second, "1", "hello.txt").body()));
    assertEquals(404, download(first, "1", "docs/new.txt").statusCode());
    assertEquals(
        fileHash(points.v2().resolve("docs/new.txt")),
        sha(download(second, "1", "docs/new.txt").body()));
    api.delete("restore/mounts/" + first);
    api.delete("restore/mounts/" + second);
  }

  @Test
  void wholeDiskImagesEqualTheDiskAtThePoint() throws Exception {
    Path raw = Files.createTempFile(work(), "disk", ".raw");
    HttpResponse<Path> r =
        http.send(
            authorized(api("backups/" + points.second() + "/disks/0/image?format=raw"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofFile(raw));
    assertEquals(200, r.statusCode());
    assertEquals(Long.toString(DISK), r.headers().firstValue("Content-Length").orElseThrow());
    assertEquals(fileHash(points.rawAtSecond()), fileHash(raw));
    Path qcow2 = Files.createTempFile(work(), "disk", ".qcow2");
    HttpResponse<Path> q =
        http.send(
            authorized(api("backups/" + points.second() + "/disks/0/image?format=qcow2"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofFile(qcow2));
    assertEquals(200, q.statusCode());
    Qemu.run(
        "compare", "-f", "qcow2", "-F", "raw", qcow2.toString(), points.rawAtSecond().toString());
    String info = Qemu.run("info", "--output=json", qcow2.toString());
    assertFalse(info.contains("backing-filename"), "standalone: " + info);
    Qemu.run("check", qcow2.toString());
    assertEquals(
        400, api.get("backups/" + points.second() + "/disks/0/image?format=vmdk").statusCode());
    assertEquals(404, api.get("backups/" + points.second() + "/disks/7/image").statusCode());
    try (Stream<Path> left = Files.list(HubEnvironment.dataDir().resolve("restore-tmp"))) {
      assertEquals(0, left.count(), "the flattened temporary image is deleted");
    }
    assertAudited("restore.image", "backup " + points.second() + " disk 0");
    Files.delete(raw);
    Files.delete(qcow2);
  }

  @Test
  void theRestorePageBrowsesADiskAndDownloadsAFileAndAFolderZip() throws Exception {
    Path downloads = Files.createTempDirectory(work(), "downloads");
    try (Chromium chromium = new Chromium(deployedAt, downloads)) {
      chromium.logInAsAdmin();
      long vmId =
          api.object("backups/" + points.second())
              .getJsonObject("backup")
              .getJsonNumber("vmId")
              .longValue();
      // A link naming a VM without a complete point says so and leaves the search to the user.
      chromium.browser.get(chromium.url("restore/restore.xhtml?vm=987654321"));
      chromium.wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("growl_container"), "VM 987654321 has no complete restore point"));
      By point =
          By.xpath(
              "//tbody[@id='restore:points_data']/tr[@data-rk='" + points.second() + "']/td[1]");
      chromium.openRestoreVm(vmId, point);
      chromium.pickRestorePoint(point);
      chromium
          .wait
          .until(
              ExpectedConditions.elementToBeClickable(
                  By.xpath("(//button[contains(@id,'open-disk')])[1]")))
          .click();
      By partition =
          By.xpath("//a[contains(@id,'open-partition') and contains(.,'Partition 1 - data')]");
      chromium.click(partition);
      openFolder(chromium, "docs");
      openFolder(chromium, "sub");
      chromium.wait.until(d -> d.findElement(By.id("crumbs")).getText().contains("docs / sub"));
      chromium.click(By.xpath("//nav[@id='crumbs']//a[normalize-space(.)='docs']"));
      By report = By.xpath("//tr[@data-rk='docs/report.txt']//a[contains(@id,'download')]");
      chromium.wait.until(ExpectedConditions.elementToBeClickable(report));
      chromium.awaitText("the crumbs of docs", By.id("crumbs"), t -> t.endsWith("/ docs"));
      chromium.screenshot("restore-docs");
      chromium.browser.findElement(report).click();
      Path file = awaitDownload(downloads, "report.txt");
      assertEquals(fileHash(points.v2().resolve("docs/report.txt")), fileHash(file));
      chromium.browser.findElement(By.id("restore:folder-zip")).click();
      Path zip = awaitDownload(downloads, "docs.zip");
      Map<String, String> entries = unzip(Files.readAllBytes(zip));
      String errors = entries.remove("RESTORE-ERRORS.txt");
      assertEquals(hashes(points.v2().resolve("docs"), "docs/"), entries);
      assertTrue(errors.contains("link-to-report"), errors);

      for (String row : List.of("docs/report.txt", "docs/big.bin")) {
        // Each tick is an ajax selection that may redraw the rows and the selection's buttons.
        chromium.click(
            By.xpath("//tr[@data-rk='" + row + "']//div[contains(@class,'ui-chkbox-box')]"));
        chromium.wait.until(
            d ->
                d.findElement(By.xpath("//tr[@data-rk='" + row + "']"))
                    .getAttribute("aria-selected")
                    .equals("true"));
      }
      chromium.click(By.id("restore:selection-zip"));
      Path picked =
          awaitDownload(downloads, VM + "-b" + points.second() + "-disk0-p1-selection.zip");
      assertEquals(
          Map.of(
              "report.txt", fileHash(points.v2().resolve("docs/report.txt")),
              "big.bin", fileHash(points.v2().resolve("docs/big.bin"))),
          unzip(Files.readAllBytes(picked)));
      findByNameDownloadsAMatchAndOpensTheFolderOfAnother(chromium, downloads);
    }
  }

  /**
   * The Restore page's timeline of the VM: both points, newest first, with the type and stored size
   * the API gives; picking the older one with the keyboard opens that point (its hello.txt is the
   * first version), and the page passes the accessibility check in both themes. The table, once
   * chosen, holds for the session.
   */
  @Test
  void theTimelineListsBothPointsNewestFirstAndPicksTheOlderOneLikeTheTable() throws Exception {
    Path downloads = Files.createTempDirectory(work(), "timeline");
    try (Chromium chromium = new Chromium(deployedAt, downloads)) {
      chromium.logInAsAdmin();
      JsonObject first = api.object("backups/" + points.first()).getJsonObject("backup");
      JsonObject second = api.object("backups/" + points.second()).getJsonObject("backup");
      long vmId = second.getJsonNumber("vmId").longValue();
      chromium.openRestoreVm(
          vmId,
          By.xpath(
              "//tbody[@id='restore:points_data']/tr[@data-rk='" + points.second() + "']/td[1]"));
      // The table, chosen by openRestoreVm, holds for the session.
      chromium.browser.get(chromium.url("restore/restore.xhtml?vm=" + vmId));
      chromium.wait.until(
          ExpectedConditions.attributeToBe(By.id("restore:show-table"), "aria-pressed", "true"));
      chromium.click(By.id("restore:show-timeline"));
      String entries = "//ol[@id='timeline']//li[contains(@class,'sd-timeline-point')]";
      chromium.wait.until(ExpectedConditions.numberOfElementsToBe(By.xpath(entries), 2));
      assertEquals(
          List.of(Long.toString(points.second()), Long.toString(points.first())),
          chromium.browser.findElements(By.xpath(entries)).stream()
              .map(e -> e.getAttribute("data-point"))
              .toList(),
          "newest first");
      assertEquals(
          "true",
          chromium
              .browser
              .findElement(By.id("restore:show-timeline"))
              .getAttribute("aria-pressed"));
      for (JsonObject point : List.of(first, second)) {
        String item = entries + "[@data-point='" + point.getJsonNumber("id").longValue() + "']";
        WebElement entry = chromium.browser.findElement(By.xpath(item));
        assertEquals(
            point.getString("type"),
            entry.findElement(By.className("sd-timeline-type")).getText().strip());
        long stored = point.getJsonNumber("bytesWritten").longValue();
        WebElement size = entry.findElement(By.className("sd-timeline-size"));
        assertEquals(Long.toString(stored), size.getAttribute("data-bytes"));
        assertEquals(binaryUnits(stored), size.getText().strip());
        assertEquals(
            "not yet verified",
            entry.findElement(By.className("sd-timeline-verified")).getText().strip());
      }
      assertEquals(
          List.of("FULL", "INCREMENTAL"),
          List.of(first.getString("type"), second.getString("type")));
      List<String> problems = chromium.inBothThemes("restore-timeline");
      assertTrue(problems.isEmpty(), String.join("\n", problems));

      // Keyboard only: focus the older point's link and press Enter.
      By older =
          By.xpath(entries + "[@data-point='" + points.first() + "']//a[contains(@id,'pick')]");
      chromium.wait.until(ExpectedConditions.elementToBeClickable(older)).sendKeys(Keys.ENTER);
      chromium.wait.until(
          ExpectedConditions.attributeToBe(
              By.xpath(entries + "[@data-point='" + points.first() + "']//a[contains(@id,'pick')]"),
              "aria-current",
              "true"));
      chromium
          .wait
          .until(
              ExpectedConditions.elementToBeClickable(
                  By.xpath("(//button[contains(@id,'open-disk')])[1]")))
          .click();
      chromium.click(
          By.xpath("//a[contains(@id,'open-partition') and contains(.,'Partition 1 - data')]"));
      chromium.click(By.xpath("//tr[@data-rk='hello.txt']//a[contains(@id,'download')]"));
      Path hello = awaitDownload(downloads, "hello.txt");
      assertEquals(fileHash(points.v1().resolve("hello.txt")), fileHash(hello));
      assertFalse(
          fileHash(points.v2().resolve("hello.txt")).equals(fileHash(hello)),
          "the older point's file, not the newer one's");
    }
  }

  /**
   * A point that verification found VERIFIED and one it found CORRUPT (a byte of its image flipped
   * after its hash was recorded) side by side in the timeline of another VM: each badge names its
   * verdict with the success or danger look and the verdict's detail on hover, and stays readable
   * (axe, colour contrast included) in the light and the dark theme.
   */
  @Test
  void theTimelineShowsAVerifiedAndACorruptPointWithReadableBadges() throws Exception {
    String vm = "DC0_C0_RP0_VM0";
    long vmId = VcsimHooks.vmId(api, points.source(), vm);
    byte[] data = new byte[1 << 20];
    new Random(11).nextBytes(data);
    try (java.io.RandomAccessFile disk =
        new java.io.RandomAccessFile(hooks.flatFile(vm, 1).toFile(), "rw")) {
      disk.write(data);
    }
    Path folders = Files.createTempDirectory(work(), "verdicts");
    long good = BackupFixture.backUp(api, vmId, repository(folders.resolve("good")));
    Path badFolder = folders.resolve("bad");
    long bad = BackupFixture.backUp(api, vmId, repository(badFolder));
    JsonObject hashed =
        api.await(
            "backups/" + bad,
            b ->
                b.getJsonArray("disks").stream()
                    .noneMatch(d -> d.asJsonObject().getBoolean("hashPending")),
            Duration.ofMinutes(2));
    Qemu.flipDataByte(
        badFolder.resolve(hashed.getJsonArray("disks").getJsonObject(0).getString("fileName")));
    api.post("backups/" + good + "/verify", "", 202);
    api.post("backups/" + bad + "/verify", "", 202);
    JsonObject verified = awaitVerification(good);
    assertEquals("VERIFIED", verified.getString("status"), verified.toString());
    JsonObject corrupt = awaitVerification(bad);
    assertEquals("CORRUPT", corrupt.getString("status"), corrupt.toString());

    try (Chromium chromium = new Chromium(deployedAt)) {
      chromium.logInAsAdmin();
      chromium.openRestoreVm(
          vmId, By.xpath("//tbody[@id='restore:points_data']/tr[@data-rk='" + bad + "']/td[1]"));
      chromium.click(By.id("restore:show-timeline"));
      String entries = "//ol[@id='timeline']//li[contains(@class,'sd-timeline-point')]";
      chromium.wait.until(ExpectedConditions.numberOfElementsToBe(By.xpath(entries), 2));
      Map<String, JsonObject> verdicts = Map.of("VERIFIED", verified, "CORRUPT", corrupt);
      Map<Long, String> expected = Map.of(good, "VERIFIED", bad, "CORRUPT");
      for (Map.Entry<Long, String> point : expected.entrySet()) {
        WebElement badge =
            chromium.browser.findElement(
                By.xpath(
                    entries
                        + "[@data-point='"
                        + point.getKey()
                        + "']//*[contains(@class,'sd-timeline-verified')]"));
        assertEquals(point.getValue(), badge.getText().strip());
        String look = point.getValue().equals("VERIFIED") ? "ui-tag-success" : "ui-tag-danger";
        assertTrue(badge.getAttribute("class").contains(look), badge.getAttribute("class"));
        String detail = verdicts.get(point.getValue()).getString("detail", "");
        assertTrue(badge.getAttribute("title").endsWith(detail), badge.getAttribute("title"));
      }
      assertTrue(corrupt.getString("detail").contains("SHA-256"), corrupt.toString());
      List<String> problems = chromium.inBothThemes(null);
      assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
  }

  private long repository(Path folder) throws Exception {
    Files.createDirectories(folder);
    return api.post(
            "repositories",
            BackupFixture.localRepository("restore-" + UUID.randomUUID(), folder),
            201)
        .getJsonNumber("id")
        .longValue();
  }

  private JsonObject awaitVerification(long backupId) throws Exception {
    return api.await(
            "backups/" + backupId,
            b -> b.getJsonObject("backup").get("verification") instanceof JsonObject,
            Duration.ofMinutes(3))
        .getJsonObject("backup")
        .getJsonObject("verification");
  }

  /**
   * The Restore page with the keyboard alone (Tab, typing, arrows, Enter; no click), opened on the
   * VM: pick the newer point in the timeline (the default), open its first disk, the data partition
   * and the docs folder, and download report.txt, whose SHA-256 is the guest file's.
   */
  @Test
  void aFileIsRestoredWithTheKeyboardAlone() throws Exception {
    Path downloads = Files.createTempDirectory(work(), "keyboard");
    try (Chromium chromium = new Chromium(deployedAt, downloads)) {
      chromium.logInAsAdmin();
      long vmId =
          api.object("backups/" + points.second())
              .getJsonObject("backup")
              .getJsonNumber("vmId")
              .longValue();
      // Opened on the VM as its "Restore" link opens it: the name search cannot single it out,
      // since every class of the run backs up a VM of the same name (CI: more than a page of
      // matches), so the keyboard starts at the points.
      chromium.browser.get(chromium.url("restore/restore.xhtml?vm=" + vmId));
      chromium.settle();
      String newer = "//ol[@id='timeline']//li[@data-point='" + points.second() + "']";
      try {
        chromium.wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(newer)));
      } catch (org.openqa.selenium.TimeoutException e) {
        throw new AssertionError("no timeline: " + chromium.evidence("keyboard-points"), e);
      }
      assertEquals(
          "true",
          chromium.browser.findElement(By.id("restore:show-timeline")).getAttribute("aria-pressed"),
          "the points show as the timeline by default");
      chromium.settle();
      tabToAndEnter(
          chromium,
          "the newer point in the timeline",
          "el.id.endsWith('pick') && el.closest(\"li[data-point='"
              + points.second()
              + "']\") !== null");
      chromium.wait.until(
          ExpectedConditions.attributeToBe(
              By.xpath(newer + "//a[contains(@id,'pick')]"), "aria-current", "true"));
      chromium.wait.until(
          ExpectedConditions.presenceOfElementLocated(
              By.xpath("(//button[contains(@id,'open-disk')])[1]")));
      chromium.settle();
      tabToAndEnter(chromium, "the first disk", "el.id.endsWith(':0:open-disk')");
      chromium.wait.until(
          ExpectedConditions.presenceOfElementLocated(
              By.xpath(
                  "//a[contains(@id,'open-partition') and contains(.,'Partition 1 - data')]")));
      chromium.settle();
      tabToAndEnter(
          chromium,
          "the data partition",
          "el.id.endsWith('open-partition') && el.textContent.includes('Partition 1 - data')");
      chromium.awaitText("the partition's root", By.id("crumbs"), t -> t.contains("Partition 1"));
      chromium.settle();
      tabToAndEnter(
          chromium,
          "the docs folder",
          "el.id.endsWith('open-folder') && el.textContent.trim() === 'docs'");
      chromium.awaitText("the crumbs of docs", By.id("crumbs"), t -> t.endsWith("/ docs"));
      chromium.settle();
      tabToAndEnter(
          chromium,
          "report.txt's download",
          "el.id.endsWith('download') && el.closest(\"tr[data-rk='docs/report.txt']\") !== null");
      Path file = awaitDownload(downloads, "report.txt");
      assertEquals(fileHash(points.v2().resolve("docs/report.txt")), fileHash(file));
    }
  }

  /** Tabs until the element with the focus ({@code el}) matches {@code test}, and presses Enter. */
  private static void tabToAndEnter(Chromium chromium, String what, String test) {
    tabUntil(chromium, what, test);
    chromium.press(Keys.ENTER);
  }

  /**
   * Presses Tab until the element with the focus ({@code el} in the script {@code test}) matches;
   * fails after 60 presses with the path the focus took.
   */
  private static void tabUntil(Chromium chromium, String what, String test) {
    List<String> visited = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Object match =
          ((JavascriptExecutor) chromium.browser)
              .executeScript(
                  "var el = document.activeElement; return ("
                      + test
                      + ") ? true : el.id || el.tagName;");
      if (Boolean.TRUE.equals(match)) {
        return;
      }
      visited.add(String.valueOf(match));
      chromium.press(Keys.TAB);
    }
    throw new AssertionError("Tab never reached " + what + "; the focus went through " + visited);
  }

  /** Bytes as the pages show them: binary units with one decimal ("1.5 MiB"), plain bytes below. */
  private static String binaryUnits(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int unit = 0;
    while (v >= 1024 && unit < units.length - 1) {
      v /= 1024;
      unit++;
    }
    return unit == 0
        ? bytes + " B"
        : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[unit]);
  }

  /**
   * The "Find files by name" box of an open partition, with Enter, on the second point: in the docs
   * folder it finds only what is below docs; at the partition's root, also other/deep.txt.
   */
  private static void findByNameDownloadsAMatchAndOpensTheFolderOfAnother(
      Chromium chromium, Path downloads) throws Exception {
    By label = By.xpath("//label[@for='restore:find-name']");
    chromium.awaitText("the search box's folder", label, t -> t.endsWith("by name in /docs"));
    find(chromium, "DEEP");
    String rows = "//tbody[@id='restore:matches_data']/tr";
    By inSub = By.xpath(rows + "[td[2][normalize-space(.)='/docs/sub']]");
    chromium.wait.until(ExpectedConditions.visibilityOfElementLocated(inSub));
    assertEquals(List.of("deep.txt /docs/sub"), matches(chromium, rows));
    chromium.click(
        By.xpath(
            rows + "[td[2][normalize-space(.)='/docs/sub']]//a[contains(@id,'match-download')]"));
    Path file = awaitDownload(downloads, "deep.txt");
    assertEquals(fileHash(points.v2().resolve("docs/sub/deep.txt")), fileHash(file));

    chromium.click(By.xpath("(//nav[@id='crumbs']//a)[2]"));
    chromium.awaitText("the search box's folder", label, t -> t.endsWith("by name in /"));
    find(chromium, "DEEP");
    chromium.wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.xpath(rows + "[td[2][normalize-space(.)='/other']]")));
    assertEquals(List.of("deep.txt /docs/sub", "deep.txt /other"), matches(chromium, rows));
    chromium.assertAccessible();
    chromium.click(
        By.xpath(rows + "[td[2][normalize-space(.)='/other']]//a[contains(@id,'match-folder')]"));
    chromium.awaitText("the crumbs of other", By.id("crumbs"), t -> t.endsWith("/ other"));
    chromium.wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.xpath("//tr[@data-rk='other/deep.txt']//a[contains(@id,'download')]")));
  }

  private static void find(Chromium chromium, String name) {
    WebElement box =
        chromium.wait.until(ExpectedConditions.elementToBeClickable(By.id("restore:find-name")));
    box.clear();
    box.sendKeys(name, Keys.ENTER);
  }

  /** The search result's rows as "name folder". */
  private static List<String> matches(Chromium chromium, String rows) {
    return chromium.browser.findElements(By.xpath(rows)).stream()
        .map(
            r ->
                r.findElement(By.xpath("td[1]")).getText().strip()
                    + " "
                    + r.findElement(By.xpath("td[2]")).getText().strip())
        .toList();
  }

  private static void openFolder(Chromium chromium, String name) throws Exception {
    By link = By.xpath("//a[contains(@id,'open-folder') and normalize-space(.)='" + name + "']");
    // The listing is redrawn by each step: the link found clickable may be replaced before the
    // click.
    chromium.click(link);
    chromium.wait.until(d -> d.findElement(By.id("crumbs")).getText().endsWith("/ " + name));
  }

  /** Waits until Chromium finished saving {@code name} (no partial .crdownload left). */
  private static Path awaitDownload(Path folder, String name) throws Exception {
    Path file = folder.resolve(name);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(folder)) {
        boolean partial = files.anyMatch(p -> p.toString().endsWith(".crdownload"));
        if (Files.exists(file) && !partial) {
          return file;
        }
      }
      Thread.sleep(200);
    }
    try (Stream<Path> files = Files.list(folder)) {
      throw new AssertionError("No download " + name + " in " + files.toList());
    }
  }

  // ---------------------------------------------------------------------------------------------

  private Points makePoints() throws Exception {
    Path work = Files.createTempDirectory(work(), "points");
    Path v1 = guestFolder(work.resolve("v1"), "hello from point 1\n", false);
    Path v2 = guestFolder(work.resolve("v2"), "hello from point 2, changed\n", true);
    long source = source();
    long repository = BackupFixture.localId(api);
    Path image = work.resolve("guest.raw");
    GuestImages.build(v1, image, DISK, work);
    GuestImages.writeInPlace(image, hooks.flatFile(VM, 1));
    long first = backup(source, repository);
    Path rawAtFirst = Files.copy(hooks.flatFile(VM, 1), work.resolve("at-first.raw"));
    GuestImages.build(v2, image, DISK, work);
    GuestImages.writeInPlace(image, hooks.flatFile(VM, 1));
    long second = backup(source, repository);
    Path rawAtSecond = Files.copy(hooks.flatFile(VM, 1), work.resolve("at-second.raw"));
    JsonObject detail = api.object("backups/" + second);
    assertEquals("INCREMENTAL", detail.getJsonObject("backup").getString("type"));
    return new Points(first, second, v1, v2, rawAtFirst, rawAtSecond, source);
  }

  private static Path work() throws Exception {
    return Files.createDirectories(
        Path.of(System.getProperty("sendense.it.workdir")).resolve("restore-it"));
  }

  /**
   * The guest's files: small, big, empty, nested, duplicate names, Unicode, a link, 3000 entries.
   */
  private static Path guestFolder(Path root, String hello, boolean changed) throws Exception {
    if (Files.exists(root)) {
      try (Stream<Path> old = Files.walk(root)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(root.resolve("docs/sub"));
    Files.createDirectories(root.resolve("other"));
    Files.createDirectories(root.resolve("many"));
    Files.writeString(root.resolve("hello.txt"), hello);
    Files.write(root.resolve("empty.txt"), new byte[0]);
    Files.writeString(root.resolve("ünïcødé name.txt"), "grüße\n");
    Files.writeString(root.resolve("docs/report.txt"), "quarterly numbers\n".repeat(10_000));
    byte[] big = new byte[3 << 20];
    new Random(7).nextBytes(big);
    Files.write(root.resolve("docs/big.bin"), big);
    Files.writeString(root.resolve("docs/sub/deep.txt"), "deep in docs\n");
    Files.writeString(root.resolve("other/deep.txt"), "a different deep file\n");
    Files.createSymbolicLink(root.resolve("docs/link-to-report"), Path.of("report.txt"));
    for (int i = 0; i < MANY; i++) {
      Files.writeString(root.resolve(String.format("many/f%04d.txt", i)), "file " + i + "\n");
    }
    if (changed) {
      Files.writeString(root.resolve("docs/new.txt"), "only in the second point\n");
    }
    return root;
  }

  private long source() throws Exception {
    return hooks.addAsSource(api, USER, PASSWORD);
  }

  private long backup(long source, long repository) throws Exception {
    return BackupFixture.backUp(api, VcsimHooks.vmId(api, source, VM), repository);
  }

  private void assertAudited(String action, String target) throws Exception {
    assertTrue(
        api.array("audit?limit=1000").stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(
                e ->
                    e.getString("action").equals(action)
                        && e.getString("target", "").equals(target)
                        && e.getString("username").equals("admin")),
        action + " " + target + " is in the audit log");
  }

  private JsonObject mount(long backupId) throws Exception {
    return api.post("restore/mounts", "{\"backup_id\":" + backupId + ",\"disk_index\":0}", 201);
  }

  private List<JsonObject> list(String mount, String partition, String path) throws Exception {
    return api
        .array(
            "restore/mounts/" + mount + "/files?partition=" + partition + "&path=" + encode(path))
        .stream()
        .map(JsonValue::asJsonObject)
        .toList();
  }

  private HttpResponse<byte[]> download(
      String mount, String partition, String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
            api(
                "restore/mounts/"
                    + mount
                    + "/download?partition="
                    + partition
                    + "&path="
                    + encode(path)));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.GET());
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return http.send(authorized(request).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request) throws Exception {
    return request.header("Authorization", HubClient.admin());
  }

  private HttpRequest.Builder authorized(URI uri) throws Exception {
    return authorized(HttpRequest.newBuilder(uri));
  }

  private URI api(String path) {
    String base = deployedAt.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/" + path);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** File entries of a ZIP by name, as SHA-256 (the errors entry as its text). */
  static Map<String, String> unzip(byte[] zip) throws Exception {
    Map<String, String> entries = new TreeMap<>();
    try (ZipInputStream in =
        new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] content = in.readAllBytes();
        if (e.getName().equals("RESTORE-ERRORS.txt")) {
          entries.put(e.getName(), new String(content, StandardCharsets.UTF_8));
        } else if (!e.isDirectory()) {
          entries.put(e.getName(), sha(content));
        }
      }
    }
    return entries;
  }

  /** Regular files under {@code folder} by name with {@code prefix}, as SHA-256. */
  static Map<String, String> hashes(Path folder, String prefix) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p :
          walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
              .toList()) {
        files.put(prefix + folder.relativize(p).toString(), fileHash(p));
      }
    }
    return files;
  }

  static String fileHash(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 20];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static String sha(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
