package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.testkit.SambaServer;
import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Backup copies in the real hub (Payara, MariaDB, vcsim, Samba's smbd from the plugin test kit,
 * qemu-img, Chromium): a flow whose policy copies every point into an SMB repository, each copy
 * verified on both ends and byte-identical to its source, the rule's own retention merging copies
 * on the share, the copy found by a rescan of the share alone, and files, disks and the Restore
 * page served from the copy after the primary's files are removed; a copy on request as a
 * standalone full into an immutable SMB repository, which the hub alone protects.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class CopiesIT {
  private static final String USER = "admin";
  private static final String PASSWORD = "copies-Secret-1";
  private static final long DISK = 64L << 20;
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @RegisterExtension static final SambaServer SMB = new SambaServer();

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
    if (vcsim != null) {
      vcsim.close();
    }
  }

  @BeforeEach
  void hub() throws Exception {
    api = HubApi.admin(deployedAt);
    synchronized (CopiesIT.class) {
      if (sourceId == 0) {
        sourceId = hooks.addAsSource(api, USER, PASSWORD);
      }
    }
  }

  @Test
  void aPolicyCopiesEveryPointToSmbAndTheCopiesRestoreWhenThePrimaryIsGone() throws Exception {
    String vm = "DC0_H0_VM0";
    long vmId = VcsimHooks.vmId(api, sourceId, vm);
    Path primary = Files.createDirectories(tmp.resolve("primary"));
    long local = local(primary, 0);
    Path share = Files.createDirectory(SMB.shareFolder().resolve("copies-" + UUID.randomUUID()));
    long smb = smb(share, 0);
    long policy =
        api.post(
                "policies",
                "{\"name\":\"3-2-1-"
                    + UUID.randomUUID()
                    + "\",\"copyRules\":[{\"repositoryId\":"
                    + smb
                    + ",\"when\":\"EVERY_POINT\",\"mode\":\"INCREMENTAL\","
                    + "\"retention\":{\"last\":2}}]}",
                201)
            .getJsonNumber("id")
            .longValue();
    JsonObject flow =
        api.post(
            "protection-flows",
            "{\"name\":\"copied-"
                + UUID.randomUUID()
                + "\",\"targetVmId\":"
                + vmId
                + ",\"repositoryId\":"
                + local
                + ",\"policyId\":"
                + policy
                + "}",
            201);
    assertEquals(policy, flow.getJsonNumber("policyId").longValue());
    long flowId = flow.getJsonNumber("id").longValue();

    List<Path> states = new ArrayList<>();
    List<Path> guests = new ArrayList<>();
    List<Long> sources = new ArrayList<>();
    List<Long> copies = new ArrayList<>();
    for (int run = 1; run <= 3; run++) {
      Path work = Files.createDirectories(tmp.resolve("run" + run));
      Path files = GuestFiles.folder(work.resolve("files"), "hello from point " + run + "\n");
      Path guest = work.resolve("guest.raw");
      GuestImages.build(files, guest, DISK, work);
      GuestImages.writeInPlace(guest, hooks.flatFile(vm, 1));
      Path state = work.resolve("disk.raw");
      Files.copy(hooks.flatFile(vm, 1), state);
      states.add(state);
      guests.add(files);
      api.post("protection-flows/" + flowId + "/execute", "", 202);
      int expected = run;
      api.await(
          "protection-flows/" + flowId + "/status",
          f ->
              f.getInt("runsSucceeded") == expected
                  && (!f.containsKey("running") || f.isNull("running")),
          TIMEOUT);
      long point = newest(vmId, local).getJsonNumber("id").longValue();
      sources.add(point);
      JsonObject copy =
          api
              .awaitArray(
                  "backups/" + point + "/copies",
                  a -> a.stream().anyMatch(c -> c.getString("status").equals("COMPLETE")),
                  TIMEOUT)
              .stream()
              .filter(c -> c.getString("status").equals("COMPLETE"))
              .findFirst()
              .get();
      assertEquals(smb, copy.getJsonNumber("repositoryId").longValue());
      assertEquals(point, copy.getJsonNumber("copyOf").longValue());
      copies.add(copy.getJsonNumber("id").longValue());
      if (run == 2) {
        // Before the rule's retention merges anything on the share, an incremental copy is the
        // source's image byte for byte (a later merge re-points its header).
        String file =
            api.object("backups/" + copy.getJsonNumber("id"))
                .getJsonArray("disks")
                .getJsonObject(0)
                .getString("fileName");
        assertEquals(
            GuestFiles.sha(primary.resolve(file)),
            GuestFiles.sha(share.resolve(file)),
            "an incremental copy is the source image byte for byte");
      }
    }

    // The copy jobs are in the Jobs console like backups, completed (the queue records a job's
    // end a moment after its copy is complete).
    api.awaitArray(
        "jobs?vm_id=" + vmId,
        jobs ->
            jobs.stream()
                    .filter(j -> j.getString("jobName").equals("copy-backup"))
                    .filter(j -> j.getString("status").equals("COMPLETED"))
                    .count()
                == 3,
        TIMEOUT);

    // The rule keeps the last two copies on the share: the first was merged out.
    List<JsonObject> onShare =
        api.awaitArray(
            "backups?vm_id=" + vmId + "&repository_id=" + smb,
            a ->
                a.size() == 2 && a.stream().allMatch(c -> c.getString("status").equals("COMPLETE")),
            TIMEOUT);
    assertEquals(
        List.of(copies.get(2), copies.get(1)), onShare.stream().map(CopiesIT::id).toList());
    // The flow's retention history says so, naming the copy's source and repository (the line
    // is written with the row's deletion).
    JsonObject deleted =
        api.array("protection-flows/" + flowId + "/retention-history").stream()
            .map(JsonValue::asJsonObject)
            .filter(e -> id(e, "backupId") == copies.get(0))
            .filter(e -> e.getString("action").equals("DELETED"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no DELETED line for copy " + copies.get(0)));
    String smbName = api.object("repositories/" + smb).getString("name");
    assertTrue(
        deleted
            .getString("detail")
            .startsWith("copy of point " + sources.get(0) + " in '" + smbName + "': merged 1"),
        deleted.toString());

    // Both ends verify; both copies read as the disk did at their point.
    for (int i = 1; i <= 2; i++) {
      assertVerified(copies.get(i));
      assertVerified(sources.get(i));
      JsonObject copy = api.object("backups/" + copies.get(i));
      for (JsonValue d : copy.getJsonArray("disks")) {
        Path image = share.resolve(d.asJsonObject().getString("fileName"));
        String out = Qemu.run("compare", "-F", "raw", image.toString(), states.get(i).toString());
        assertTrue(out.contains("Images are identical"), out);
      }
    }
    // The share describes its copies itself: a rescan of it alone finds both manifests and every
    // image they name.
    JsonObject rescan = api.post("repositories/" + smb + "/rescan", "", 200);
    assertEquals(2, rescan.getInt("manifests"), rescan.toString());
    assertEquals(0, rescan.getJsonArray("missingFiles").size(), rescan.toString());

    // The primary's files are gone: the copy still restores files and the whole disk.
    try (Stream<Path> all = Files.walk(primary)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(primary)) {
          Files.delete(p);
        }
      }
    }
    RestoreClient restore = new RestoreClient(api, deployedAt);
    assertEquals(
        GuestFiles.sha(guests.get(2).resolve("hello.txt")),
        restore.fileHash(copies.get(2), "hello.txt"),
        "a file restored from the copy");
    assertEquals(
        GuestFiles.sha(guests.get(1).resolve("hello.txt")),
        restore.fileHash(copies.get(1), "hello.txt"),
        "a file restored from the older copy");
    assertEquals(
        GuestFiles.sha(states.get(2)),
        restore.rawDiskHash(copies.get(2), 0, Files.createDirectories(tmp.resolve("dl"))),
        "the whole disk downloaded from the copy");

    // The Restore page lists the copy as a point of its own and opens it.
    try (Chromium chromium = new Chromium(deployedAt)) {
      chromium.logInAsAdmin();
      // From the machine's page: its Restore link opens the Restore page on this VM.
      chromium.browser.get(chromium.url("sources/vm-detail.xhtml?id=" + vmId));
      chromium
          .wait
          .until(ExpectedConditions.elementToBeClickable(By.id("vm:restore-link")))
          .click();
      By row =
          By.xpath("//tbody[@id='restore:points_data']/tr[@data-rk='" + copies.get(2) + "']/td[1]");
      chromium.showPointsTable();
      chromium.wait.until(ExpectedConditions.elementToBeClickable(row));
      // Both tables are drawn by the page's ajax updates: read them anew until they show it.
      chromium.await(
          "the machine's VM " + vmId + " picked in the VM list",
          d ->
              d.findElement(By.cssSelector("[id='restore:vms_data'] tr.ui-state-highlight"))
                  .getDomAttribute("data-rk"),
          String.valueOf(vmId)::equals);
      chromium.awaitText(
          "point " + copies.get(2) + " named as a copy of point " + sources.get(2),
          By.xpath("//tbody[@id='restore:points_data']/tr[@data-rk='" + copies.get(2) + "']"),
          t -> t.contains("copy of point " + sources.get(2)));
      chromium.pickRestorePoint(row);
      chromium.screenshot("restore-from-copy");
    }
  }

  @Test
  void aFullCopyOnRequestIsStandaloneAndTheImmutableShareIsProtectedByTheHub() throws Exception {
    String vm = "DC0_H0_VM1";
    long vmId = VcsimHooks.vmId(api, sourceId, vm);
    Path primary = Files.createDirectories(tmp.resolve("primary"));
    long local = local(primary, 0);
    Path share = Files.createDirectory(SMB.shareFolder().resolve("full-" + UUID.randomUUID()));
    long smb = smb(share, 1);
    assertEquals("HUB_ONLY", api.object("repositories/" + smb).getString("immutableEnforcement"));
    new VmDisks(hooks, DISK).fill(vm, 1, 31);
    backup(vmId, local);
    new VmDisks(hooks, DISK).change(vm, 1, 32, 4);
    Path state = tmp.resolve("state.raw");
    Files.copy(hooks.flatFile(vm, 1), state);
    long incremental = backup(vmId, local);
    assertEquals(
        "INCREMENTAL",
        api.object("backups/" + incremental).getJsonObject("backup").getString("type"));

    HttpResponse<String> same =
        api.post("backups/" + incremental + "/copy", "{\"repositoryId\":" + local + "}");
    assertEquals(409, same.statusCode(), same.body());
    JsonObject job =
        api.post(
            "backups/" + incremental + "/copy",
            "{\"repositoryId\":" + smb + ",\"mode\":\"FULL\"}",
            202);
    assertEquals("copy-backup", job.getString("jobName"));
    JsonObject done = BackupFixture.awaitEnd(api, job.getJsonNumber("id").longValue());
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    long copyId = done.getJsonNumber("backupId").longValue();
    JsonObject copy = api.object("backups/" + copyId);
    assertEquals("FULL", copy.getJsonObject("backup").getString("type"));
    Path image = share.resolve(copy.getJsonArray("disks").getJsonObject(0).getString("fileName"));
    String info = Qemu.run("info", "--output=json", image.toString());
    assertFalse(info.contains("backing-filename"), "a standalone full: " + info);
    String out = Qemu.run("compare", "-F", "raw", image.toString(), state.toString());
    assertTrue(out.contains("Images are identical"), out);
    assertVerified(copyId);

    // Immutable on a share: the hub refuses, the files themselves are not protected.
    assertEquals("NONE", copy.getJsonObject("backup").getString("fileProtection"));
    HttpResponse<String> refused = api.delete("backups/" + copyId);
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("immutable until"), refused.body());
    HttpResponse<String> again =
        api.post("backups/" + incremental + "/copy", "{\"repositoryId\":" + smb + "}");
    assertEquals(409, again.statusCode(), "copied already: " + again.body());
  }

  private long backup(long vmId, long repo) throws Exception {
    JsonObject job =
        api.post("backups", "{\"vmId\":" + vmId + ",\"repositoryId\":" + repo + "}", 202);
    JsonObject done = BackupFixture.awaitEnd(api, job.getJsonNumber("id").longValue());
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    return done.getJsonNumber("backupId").longValue();
  }

  private void assertVerified(long backupId) throws Exception {
    api.post("backups/" + backupId + "/verify", "", 202);
    JsonObject v =
        api.await(
                "backups/" + backupId,
                b -> {
                  JsonObject p = b.getJsonObject("backup");
                  return p.containsKey("verification") && !p.isNull("verification");
                },
                TIMEOUT)
            .getJsonObject("backup")
            .getJsonObject("verification");
    assertEquals("VERIFIED", v.getString("status"), "point " + backupId + ": " + v);
  }

  private JsonObject newest(long vmId, long repo) throws Exception {
    return HubApi.objects(api.array("backups?vm_id=" + vmId + "&repository_id=" + repo)).get(0);
  }

  private long local(Path folder, int immutableDays) throws Exception {
    return api.post(
            "repositories",
            BackupFixture.localRepositoryJson("local-" + UUID.randomUUID(), folder)
                .add("immutableDays", immutableDays)
                .build()
                .toString(),
            201)
        .getJsonNumber("id")
        .longValue();
  }

  private long smb(Path folder, int immutableDays) throws Exception {
    return api.post(
            "repositories",
            "{\"name\":\"smb-"
                + UUID.randomUUID()
                + "\",\"type\":\"cifs\",\"immutableDays\":"
                + immutableDays
                + ",\"config\":{\"host\":\"127.0.0.1\",\"port\":\""
                + SMB.port()
                + "\",\"share\":\"backup\",\"path\":\""
                + folder.getFileName()
                + "\",\"username\":\""
                + SambaServer.USER
                + "\",\"password\":\""
                + SambaServer.PASSWORD
                + "\"}}",
            201)
        .getJsonNumber("id")
        .longValue();
  }

  private static long id(JsonObject backup) {
    return id(backup, "id");
  }

  private static long id(JsonObject o, String field) {
    return o.isNull(field) ? 0 : o.getJsonNumber(field).longValue();
  }
}
