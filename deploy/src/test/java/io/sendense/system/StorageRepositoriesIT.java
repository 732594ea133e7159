package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.testkit.GaneshaServer;
import io.sendense.plugin.testkit.PeerControl;
import io.sendense.plugin.testkit.SambaServer;
import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
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
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Restore points on NFS and SMB repositories, end to end with the real peers of the plugin test kit
 * (nfs-ganesha with rpcbind, Samba's smbd) and the real hub: a two-disk vcsim VM backed up full and
 * incremental into each, every point compared with {@code qemu-img compare} against the disks it
 * captured (the images read through the servers' exported folders on the local disk), files and
 * whole disks restored from each, and the server killed in the middle of a backup; a point copied
 * from a local folder to NFS, verified on both ends and restored from the copy once the local files
 * are gone.
 *
 * <p>The NFS client needs the portmapper on port 111, so this class runs in its own failsafe
 * execution whose JVM (and with it Payara, MariaDB, vcsim and the peers) lives in a private network
 * namespace; see deploy/pom.xml.
 */
@EnabledIfSystemProperty(
    named = "sendense.it.storage-peers",
    matches = "true",
    disabledReason = "runs in the storage-peers failsafe execution (private network namespace)")
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class StorageRepositoriesIT {
  private static final String USER = "admin";
  private static final String PASSWORD = "vcsim-Storage-1";
  private static final long DISK = 64L << 20;

  @RegisterExtension static final GaneshaServer NFS = new GaneshaServer();
  @RegisterExtension static final SambaServer SMB = new SambaServer();

  private static VcsimProcess vcsim;
  private static VcsimHooks hooks;
  private static long sourceId;

  @ArquillianResource URL deployedAt;
  private HubApi api;
  private VmDisks disks;

  /** One repository under test: its id and name, and where its files are on the local disk. */
  record Repo(long id, String name, Path files, PeerControl peer) {}

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
    if (vcsim != null) {
      vcsim.close();
    }
  }

  @BeforeEach
  void hub() throws Exception {
    api = HubApi.admin(deployedAt);
    disks = new VmDisks(hooks, DISK);
    synchronized (StorageRepositoriesIT.class) {
      if (sourceId == 0) {
        sourceId = hooks.addAsSource(api, USER, PASSWORD);
      }
    }
  }

  @Test
  void anNfsRepositoryHoldsVerifiedPointsAndServesRestores() throws Exception {
    backUpVerifyAndRestore(nfs(), "DC0_H0_VM0");
  }

  @Test
  void anSmbRepositoryHoldsVerifiedPointsAndServesRestores() throws Exception {
    backUpVerifyAndRestore(smb(), "DC0_H0_VM1");
  }

  @Test
  void anNfsServerKilledMidBackupFailsTheJobWhichResumesLater() throws Exception {
    killPeerMidBackupThenResume(nfs(), "DC0_C0_RP0_VM0");
  }

  @Test
  void anSmbServerKilledMidBackupFailsTheJobWhichResumesLater() throws Exception {
    killPeerMidBackupThenResume(smb(), "DC0_C0_RP0_VM1");
  }

  @Test
  void aCopyToNfsVerifiesOnBothEndsAndRestoresWhenThePrimaryIsGone() throws Exception {
    String vm = "DC0_H0_VM2";
    Path work = Files.createTempDirectory(work(), vm);
    Path primary = Files.createDirectories(work.resolve("primary"));
    Repo local =
        new Repo(
            api.post(
                    "repositories",
                    BackupFixture.localRepository("local-" + UUID.randomUUID(), primary),
                    201)
                .getJsonNumber("id")
                .longValue(),
            "local",
            primary,
            null);
    Repo nfs = nfs();
    Path guest = work.resolve("guest.raw");
    Path v1 = GuestFiles.folder(work.resolve("v1"), "hello from point 1\n");
    GuestImages.build(v1, guest, DISK, work);
    GuestImages.writeInPlace(guest, hooks.flatFile(vm, 1));
    disks.fill(vm, 2, 31);
    JsonObject full = point(backup(local, vm, "auto"));
    List<Path> atFull = disks.copy(vm, work, "full");
    Path v2 = GuestFiles.folder(work.resolve("v2"), "hello from point 2, copied\n");
    GuestImages.build(v2, guest, DISK, work);
    GuestImages.writeInPlace(guest, hooks.flatFile(vm, 1));
    disks.change(vm, 2, 32, 3);
    JsonObject incremental = point(backup(local, vm, "auto"));
    List<Path> atIncremental = disks.copy(vm, work, "incremental");
    assertEquals("INCREMENTAL", incremental.getJsonObject("backup").getString("type"));

    // One request copies the incremental and, first, the full it is built on (incremental mode).
    JsonObject job =
        api.post(
            "backups/" + id(incremental) + "/copy", "{\"repositoryId\":" + nfs.id() + "}", 202);
    JsonObject done = BackupFixture.awaitEnd(api, job.getJsonNumber("id").longValue());
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    JsonObject copy = point(done);
    assertEquals(id(incremental), copy.getJsonObject("backup").getJsonNumber("copyOf").longValue());
    List<JsonObject> fullCopies =
        HubApi.objects(api.array("backups/" + id(full) + "/copies")).stream()
            .filter(c -> c.getString("status").equals("COMPLETE"))
            .toList();
    assertEquals(1, fullCopies.size(), fullCopies.toString());
    assertEquals(nfs.id(), fullCopies.get(0).getJsonNumber("repositoryId").longValue());
    JsonObject fullCopy = api.object("backups/" + fullCopies.get(0).getJsonNumber("id"));

    // Byte for byte the source's images, each reading as the disk did at its point, verified on
    // both ends against the recorded hashes.
    for (JsonObject[] pair :
        List.of(new JsonObject[] {full, fullCopy}, new JsonObject[] {incremental, copy})) {
      for (JsonValue d : pair[1].getJsonArray("disks")) {
        String file = d.asJsonObject().getString("fileName");
        assertEquals(
            GuestFiles.sha(primary.resolve(file)),
            GuestFiles.sha(nfs.files().resolve(file)),
            "the copy on the export is the source image: " + file);
      }
    }
    assertMatches(nfs, fullCopy, atFull);
    assertMatches(nfs, copy, atIncremental);
    for (long point : List.of(id(full), id(incremental), id(fullCopy), id(copy))) {
      assertVerified(point);
    }
    JsonObject rescan = api.post("repositories/" + nfs.id() + "/rescan", "", 200);
    assertEquals(2, rescan.getInt("manifests"), rescan.toString());
    assertEquals(0, rescan.getJsonArray("missingFiles").size(), rescan.toString());

    // The primary's files are gone: the copies on NFS restore files and a whole disk.
    try (Stream<Path> all = Files.walk(primary)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(primary)) {
          Files.delete(p);
        }
      }
    }
    RestoreClient restore = new RestoreClient(api, deployedAt);
    assertEquals(
        GuestFiles.sha(v2.resolve("hello.txt")),
        restore.fileHash(id(copy), "hello.txt"),
        "a file restored from the incremental's copy");
    assertEquals(
        GuestFiles.sha(v1.resolve("hello.txt")),
        restore.fileHash(id(fullCopy), "hello.txt"),
        "a file restored from the full's copy");
    assertEquals(
        GuestFiles.sha(atIncremental.get(1)),
        restore.rawDiskHash(id(copy), 1, work),
        "disk 2 downloaded whole from the copy");
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
                BackupFixture.JOB_TIMEOUT)
            .getJsonObject("backup")
            .getJsonObject("verification");
    assertEquals("VERIFIED", v.getString("status"), "point " + backupId + ": " + v);
  }

  private void backUpVerifyAndRestore(Repo repo, String vm) throws Exception {
    Path work = Files.createTempDirectory(work(), vm);
    Path guest = work.resolve("guest.raw");
    Path v1 = GuestFiles.folder(work.resolve("v1"), "hello from point 1\n");
    GuestImages.build(v1, guest, DISK, work);
    GuestImages.writeInPlace(guest, hooks.flatFile(vm, 1));
    disks.fill(vm, 2, 11);
    Instant started = Instant.now();
    JsonObject full = point(backup(repo, vm, "auto"));
    Duration fullTook = Duration.between(started, Instant.now());
    List<Path> atFull = disks.copy(vm, work, "full");
    assertEquals("FULL", full.getJsonObject("backup").getString("type"));
    assertMatches(repo, full, atFull);

    Path v2 = GuestFiles.folder(work.resolve("v2"), "hello from point 2, changed\n");
    GuestImages.build(v2, guest, DISK, work);
    GuestImages.writeInPlace(guest, hooks.flatFile(vm, 1));
    long changed = disks.change(vm, 2, 12, 3);
    started = Instant.now();
    JsonObject incremental = point(backup(repo, vm, "auto"));
    Duration incrementalTook = Duration.between(started, Instant.now());
    List<Path> atIncremental = disks.copy(vm, work, "incremental");
    assertEquals("INCREMENTAL", incremental.getJsonObject("backup").getString("type"));
    assertMatches(repo, incremental, atIncremental);
    assertMatches(repo, full, atFull);
    assertEquals(
        changed, Qemu.dataInTop(repo.files(), incremental, 1), "disk 2 holds exactly what changed");
    for (JsonValue disk : incremental.getJsonArray("disks")) {
      Path top = repo.files().resolve(disk.asJsonObject().getString("fileName"));
      String chain = Qemu.run("info", "--backing-chain", "--output=json", top.toString());
      assertEquals(2, HubApi.parse(chain).asJsonArray().size(), chain);
      Qemu.run("check", top.toString());
    }
    System.out.printf(
        "%s repository: full %d ms, incremental %d ms%n",
        repo.name(), fullTook.toMillis(), incrementalTook.toMillis());

    RestoreClient downloads = new RestoreClient(api, deployedAt);
    long second = id(incremental);
    assertEquals(
        GuestFiles.sha(v2.resolve("hello.txt")),
        downloads.fileHash(second, "hello.txt"),
        "a file restored from the incremental");
    assertEquals(
        GuestFiles.sha(v1.resolve("docs/report.txt")),
        downloads.fileHash(id(full), "docs/report.txt"),
        "a file restored from the full");
    assertEquals(
        GuestFiles.sha(atIncremental.get(1)),
        downloads.rawDiskHash(second, 1, work),
        "disk 2 downloaded whole as raw");
    Path qcow2 = downloads.qcow2Disk(second, 0, work);
    Qemu.run(
        "compare", "-f", "qcow2", "-F", "raw", qcow2.toString(), atIncremental.get(0).toString());

    mergeVerifyAndRescan(repo, vm, full, incremental, atIncremental);
    assertEquals(
        GuestFiles.sha(v2.resolve("hello.txt")),
        downloads.fileHash(second, "hello.txt"),
        "a file restored from the point merged into the full's files");
  }

  /**
   * The restore point lifecycle on the share: deleting the full merges the incremental into the
   * full's files (the only images left), the merged point verifies against its recorded hashes, and
   * a rescan of the repository finds exactly its manifest and images.
   */
  private void mergeVerifyAndRescan(
      Repo repo, String vm, JsonObject full, JsonObject incremental, List<Path> expected)
      throws Exception {
    long heir = id(incremental);
    assertEquals(202, api.delete("backups/" + id(full)).statusCode());
    List<JsonObject> left =
        api
            .awaitArray(
                "backups?vm_name=" + vm + "&repository_id=" + repo.id(),
                a -> a.size() == 1 && a.get(0).getString("status").equals("COMPLETE"),
                BackupFixture.JOB_TIMEOUT)
            .stream()
            .toList();
    assertEquals(heir, left.get(0).getJsonNumber("id").longValue(), left.toString());
    JsonObject merged = api.object("backups/" + heir);
    assertMatches(repo, merged, expected);
    List<String> images = new ArrayList<>();
    for (JsonValue disk : merged.getJsonArray("disks")) {
      String name = disk.asJsonObject().getString("fileName");
      images.add(name);
      String chain =
          Qemu.run(
              "info", "--backing-chain", "--output=json", repo.files().resolve(name).toString());
      assertEquals(1, HubApi.parse(chain).asJsonArray().size(), "no backing file left: " + chain);
    }
    List<String> fullImages = new ArrayList<>();
    full.getJsonArray("disks").forEach(d -> fullImages.add(d.asJsonObject().getString("fileName")));
    assertEquals(fullImages, images, "the merge kept the full's files");
    assertEquals(
        new TreeSet<>(images), filesEndingWith(repo, ".qcow2"), "only the merged images are left");

    api.post("repositories/" + repo.id() + "/verify", "", 202);
    JsonObject verification =
        api.await(
                "backups/" + heir,
                b -> {
                  JsonObject point = b.getJsonObject("backup");
                  return point.containsKey("verification") && !point.isNull("verification");
                },
                BackupFixture.JOB_TIMEOUT)
            .getJsonObject("backup")
            .getJsonObject("verification");
    assertEquals("VERIFIED", verification.getString("status"), verification.toString());

    JsonObject rescan = api.post("repositories/" + repo.id() + "/rescan", "", 200);
    assertEquals(1, rescan.getInt("manifests"), rescan.toString());
    for (String list : List.of("imported", "missingFiles", "orphanImages", "problems")) {
      assertEquals(0, rescan.getJsonArray(list).size(), list + ": " + rescan);
    }
  }

  /** The files under the repository's folder whose names end with {@code suffix}, relative. */
  private static Set<String> filesEndingWith(Repo repo, String suffix) throws Exception {
    try (Stream<Path> walk = Files.walk(repo.files())) {
      return walk.filter(p -> p.toString().endsWith(suffix))
          .map(p -> repo.files().relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private void killPeerMidBackupThenResume(Repo repo, String vm) throws Exception {
    Path work = Files.createTempDirectory(work(), vm);
    long data = disks.randomize(vm, 1, 21) + disks.randomize(vm, 2, 22);
    hooks.downloads(vm, false, 600);
    long jobId =
        api.post("backups", request(repo, vm, "full"), 202).getJsonNumber("id").longValue();
    JsonObject running =
        api.await(
            "jobs/by-id/" + jobId,
            d -> d.getJsonObject("job").getJsonNumber("bytesDone").longValue() >= data / 4,
            BackupFixture.JOB_TIMEOUT);
    long execution = running.getJsonObject("job").getJsonNumber("executionId").longValue();
    repo.peer().stop();
    JsonObject failed;
    try {
      hooks.downloads(vm, false, 0);
      failed = BackupFixture.awaitEnd(api, jobId);
    } finally {
      repo.peer().start();
    }
    assertEquals("FAILED", failed.getString("status"), failed.toString());
    String error = failed.getString("error", "");
    assertTrue(
        error.contains("Repository '" + repo.name() + "'"), "names the repository: " + error);
    assertTrue(
        error.contains("CONNECTION_LOST") || error.contains("HOST_UNREACHABLE"),
        "says the server went away: " + error);
    assertEquals(List.of(), hooks.snapshots(vm), "the failed job removed its snapshot");
    long backupId = failed.getJsonNumber("backupId").longValue();
    JsonObject point = api.object("backups/" + backupId);
    assertEquals("FAILED", point.getJsonObject("backup").getString("status"));
    assertFalse(
        api.array("backups?status=complete&vm_name=" + vm).stream()
            .anyMatch(b -> b.asJsonObject().getJsonNumber("id").longValue() == backupId),
        "a half-written point is never listed as complete");
    for (JsonValue disk : point.getJsonArray("disks")) {
      Path image = repo.files().resolve(disk.asJsonObject().getString("fileName"));
      assertFalse(Files.exists(image), "nothing committed: " + image);
    }

    api.post("jobs/" + execution + "/restart", "", 200);
    JsonObject done = BackupFixture.awaitEnd(api, jobId);
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    assertEquals(2, done.getInt("executions"));
    assertMatches(repo, point(done), disks.copy(vm, work, "resumed"));
    assertEquals(List.of(), hooks.snapshots(vm));

    disks.change(vm, 1, 23, 2);
    JsonObject next = point(backup(repo, vm, "auto"));
    assertEquals("INCREMENTAL", next.getJsonObject("backup").getString("type"));
    assertMatches(repo, next, disks.copy(vm, work, "next"));
  }

  // ---------------------------------------------------------------------------------------------

  private Repo nfs() throws Exception {
    return repository(
        "nfs", NFS.exportFolder(), NFS, "\"host\":\"127.0.0.1\",\"export\":\"/export\"");
  }

  private Repo smb() throws Exception {
    return repository(
        "cifs",
        SMB.shareFolder(),
        SMB,
        "\"host\":\"127.0.0.1\",\"port\":\""
            + SMB.port()
            + "\",\"share\":\"backup\",\"username\":\""
            + SambaServer.USER
            + "\",\"password\":\""
            + SambaServer.PASSWORD
            + "\"");
  }

  /** A new repository of {@code type} in a new folder of the server's exported folder. */
  private Repo repository(String type, Path exported, PeerControl peer, String config)
      throws Exception {
    String folder = type + "-" + UUID.randomUUID();
    Path files = Files.createDirectory(exported.resolve(folder));
    String name = folder;
    String body =
        "{\"name\":\""
            + name
            + "\",\"type\":\""
            + type
            + "\",\"config\":{"
            + config
            + ",\"path\":\""
            + folder
            + "\"}}";
    long id = api.post("repositories", body, 201).getJsonNumber("id").longValue();
    return new Repo(id, name, files, peer);
  }

  private String request(Repo repo, String vm, String type) throws Exception {
    return "{\"vmId\":"
        + VcsimHooks.vmId(api, sourceId, vm)
        + ",\"repositoryId\":"
        + repo.id()
        + ",\"type\":\""
        + type
        + "\"}";
  }

  /** Backs up and returns the completed job. */
  private JsonObject backup(Repo repo, String vm, String type) throws Exception {
    JsonObject job = api.post("backups", request(repo, vm, type), 202);
    JsonObject done = BackupFixture.awaitEnd(api, job.getJsonNumber("id").longValue());
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    return done;
  }

  private JsonObject point(JsonObject job) throws Exception {
    return api.object("backups/" + job.getJsonNumber("backupId").longValue());
  }

  private static long id(JsonObject point) {
    return point.getJsonObject("backup").getJsonNumber("id").longValue();
  }

  /** Every disk image of the point, read from the server's folder, equals the disk it captured. */
  private static void assertMatches(Repo repo, JsonObject point, List<Path> expected)
      throws Exception {
    for (JsonValue value : point.getJsonArray("disks")) {
      JsonObject disk = value.asJsonObject();
      Path image = repo.files().resolve(disk.getString("fileName"));
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

  private static Path work() throws Exception {
    return Files.createDirectories(
        Path.of(System.getProperty("sendense.it.workdir")).resolve("storage-it"));
  }
}
