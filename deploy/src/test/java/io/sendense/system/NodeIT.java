package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.net.ssl.SSLException;
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
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Nodes with real processes: the hub on Payara Micro with its node listener, node processes started
 * from the built jar with the built-in plugins, vcsim with 2-disk VMs, MariaDB. Pairing tokens are
 * one-time and expire; a backup placed on a node runs there and verifies with {@code qemu-img
 * compare}, and its point restored as a new VM runs on that node and equals the point disk for
 * disk; a node killed mid-transfer shows OFFLINE and its job resumes when it comes back, or fails
 * after the grace when it does not (the hub then removes its snapshot), and so does the whole-VM
 * restore it was running, saying which node stopped reporting; a revoked node is refused in the TLS
 * handshake. A node with a job limit of 1 keeps its second job queued until the first ends; a stop
 * from the console reaches the node within seconds; telemetry is kept at every tenth of a disk. The
 * Nodes page pairs a real node, drains and revokes it. With two nodes, a backup runs on its
 * repository's node, else its flow's, else its source's; a queued one says why it waits.
 */
@ExtendWith({HubEnvironment.class, ArquillianExtension.class})
@RunAsClient
class NodeIT {
  private static final String USER = "admin";
  private static final String PASSWORD = "vcsim-Node-1";
  private static final long DISK = 64L << 20;
  private static final String LARGE = "docs/large.bin";
  private static final Duration STEP = Duration.ofMinutes(3);

  /** Well under the node's 20 s long poll, which a stop used to wait for. */
  private static final Duration STOP_BOUND = Duration.ofSeconds(8);

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
                "-vms=4",
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
  void pairingTokensAreOneTimeExpireAndNothingButPairingWorksWithoutACertificate()
      throws Exception {
    NodeClient stranger = NodeClient.unpaired();
    assertEquals(401, stranger.pair("no-such-token.x", "x").status(), "an unknown token");
    assertEquals(401, stranger.post("node/v1/poll", "{\"running\":[]}").status(), "no token");

    String token = token();
    NodeClient.Answer paired = stranger.pair(token, "pair-once");
    assertEquals(200, paired.status(), paired.body());
    assertEquals(401, stranger.pair(token, "pair-twice").status(), "a used token");

    String expired = token();
    try (var db = HubEnvironment.catalog();
        var s = db.createStatement()) {
      s.executeUpdate(
          "UPDATE node_pairing_tokens SET expires_at = NOW(3) - INTERVAL 1 SECOND"
              + " WHERE used_at IS NULL");
    }
    NodeClient.Answer late = stranger.pair(expired, "too-late");
    assertEquals(401, late.status(), late.body());
    assertTrue(late.body().contains("expired"), late.body());

    JsonObject node = node("pair-once");
    assertEquals("NEVER", node.getString("state"));
  }

  @Test
  void backupOnANodeVerifiesAndResumesWhenTheKilledNodeComesBack() throws Exception {
    String vm = "DC0_H0_VM1";
    Path data = tmp.resolve("node-a");
    fill(vm, 1, 101);
    fill(vm, 2, 102);
    NodeProcess node = NodeProcess.start(data, "node-a", token());
    try {
      long nodeId = awaitState("node-a", "ONLINE").getInt("id");
      place(nodeId);
      hooks.downloads(vm, false, 400);
      long jobId = api.post("backups", request(vm), 202).getJsonNumber("id").longValue();
      awaitBytes(jobId, 8L << 20);
      node.kill();
      awaitState("node-a", "OFFLINE");
      JsonObject stale = job(jobId);
      assertEquals("RUNNING", stale.getString("status"), "within the grace the job waits");

      hooks.downloads(vm, false, 0);
      node = NodeProcess.start(data, "node-a", null);
      JsonObject done = awaitEnd(jobId);
      assertEquals("COMPLETED", done.getString("status"), done + node.log());
      assertTrue(done.getInt("executions") >= 2, "resumed as a new execution: " + done);
      assertConsoleShowsTheNodesExecutions(jobId, done.getInt("executions"));
      JsonObject point = api.object("backups/" + done.getInt("backupId"));
      assertEquals(2, point.getJsonArray("disks").size());
      assertMatches(point, copyDisks(vm));
      assertEquals(List.of(), hooks.snapshots(vm), "no sbak- snapshot left");

      JsonObject telemetry = api.object("telemetry/history/" + done.getInt("backupId"));
      List<String> phases =
          telemetry.getJsonArray("points").getValuesAs(JsonObject.class).stream()
              .map(p -> p.getString("phase"))
              .distinct()
              .toList();
      assertTrue(phases.contains("TRANSFER"), "telemetry from the node: " + telemetry);
      JsonObject machine =
          api.object("vm-contexts/" + VcsimHooks.vmId(api, sourceId, vm) + "/backups");
      assertTrue(
          machine.toString().contains("\"id\":" + done.getInt("backupId")), machine.toString());
      restoreOnTheNode(point, node, "node-a");
      JsonObject replaced =
          ReplacingRestore.overTheOriginal(api, hooks, repository, point, vm, tmp, STEP);
      assertEquals("node-a", replaced.getString("nodeName"), "replaced on the node: " + replaced);
      assertTrue(
          node.log().contains("Started WorkItem[restore " + replaced.getJsonNumber("id") + ","),
          "the node's runtime replaced it: " + node.log());
    } finally {
      node.close();
      api.put("sources/" + sourceId + "/node", "{\"nodeId\":null}");
    }
  }

  @Test
  void aNodeThatStaysAwayFailsItsJobAfterTheGraceAndARevokedNodeIsRefusedInTheHandshake()
      throws Exception {
    String vm = "DC0_H0_VM2";
    Path data = tmp.resolve("node-b");
    fill(vm, 1, 201);
    fill(vm, 2, 202);
    // a point the hub makes, restored on node-b below (the restore follows its source's node)
    long hubPoint = BackupFixture.backUp(api, VcsimHooks.vmId(api, sourceId, vm), repositoryId);
    String target = "node-b-stale-" + hubPoint;
    NodeProcess node = NodeProcess.start(data, "node-b", token());
    try {
      long nodeId = awaitState("node-b", "ONLINE").getInt("id");
      place(nodeId);
      hooks.downloads(vm, false, 400);
      hooks.uploads(target, false, 400);
      long jobId = api.post("backups", request(vm), 202).getJsonNumber("id").longValue();
      long restoreId =
          api.post(
                  "restore/vms", "{\"backupId\":" + hubPoint + ",\"name\":\"" + target + "\"}", 202)
              .getJsonNumber("id")
              .longValue();
      awaitBytes(jobId, 4L << 20);
      JsonObject uploading =
          api.await(
              "restore/vms/" + restoreId,
              r ->
                  r.getString("status").equals("RUNNING")
                      && r.getJsonNumber("bytesDone").longValue() >= 4L << 20,
              STEP);
      assertEquals("node-b", uploading.getString("nodeName"), uploading.toString());
      node.kill();
      JsonObject failed = awaitEnd(jobId);
      assertEquals("FAILED", failed.getString("status"));
      assertTrue(failed.getString("error").contains("node-b"), failed.toString());
      JsonObject point = api.object("backups/" + failed.getInt("backupId"));
      assertEquals("FAILED", point.getJsonObject("backup").getString("status"));
      awaitNoSnapshot(vm);
      // the restore the killed node ran fails after the same grace, saying which node and why
      JsonObject stale =
          api.await(
              "restore/vms/" + restoreId,
              r -> Set.of("COMPLETED", "FAILED").contains(r.getString("status")),
              STEP);
      assertEquals("FAILED", stale.getString("status"), stale.toString());
      assertTrue(
          stale.getString("error").startsWith("Node 'node-b' has not reported on this restore"),
          stale.toString());

      NodeClient paired = NodeClient.of(data);
      assertEquals(200, paired.post("node/v1/poll", "{\"running\":[]}").status());
      assertEquals(204, api.delete("nodes/" + nodeId).statusCode());
      assertEquals("REVOKED", node("node-b").getString("state"));
      IOException refused =
          assertThrows(IOException.class, () -> paired.post("node/v1/poll", "{\"running\":[]}"));
      // No HTTP answer at all (an HTTP refusal would be an Answer with a status): the handshake
      // failed; with TLS 1.3 the client may only see the server close the connection while it
      // writes the request.
      boolean handshake = false;
      for (Throwable t = refused; t != null; t = t.getCause()) {
        handshake |=
            t instanceof SSLException
                || t instanceof java.net.SocketException
                || String.valueOf(t.getMessage()).startsWith("Error writing to server");
      }
      assertTrue(handshake, "refused in the handshake, not by HTTP: " + refused);
    } finally {
      hooks.downloads(vm, false, 0);
      hooks.uploads(target, false, 0);
      node.close();
      api.put("sources/" + sourceId + "/node", "{\"nodeId\":null}");
    }
  }

  @Test
  void aNodeWithLimitOneQueuesItsSecondJobAndAStopFromTheConsoleReachesItWithinSeconds()
      throws Exception {
    String slow = "DC0_H0_VM0";
    String next = "DC0_H0_VM3";
    for (int disk = 1; disk <= 2; disk++) {
      fill(slow, disk, 300 + disk);
      fill(next, disk, 310 + disk);
    }
    NodeProcess node = NodeProcess.start(tmp.resolve("node-c"), "node-c", token());
    try {
      long nodeId = awaitState("node-c", "ONLINE").getInt("id");
      var limited = api.put("nodes/" + nodeId, "{\"jobLimit\":1}");
      assertEquals(200, limited.statusCode(), limited.body());
      JsonObject shown = node("node-c");
      assertEquals(1, shown.getInt("jobLimit"), shown.toString());
      assertFalse(shown.getBoolean("jobLimitDefault"), shown.toString());
      place(nodeId);
      // 800 ms per MiB and connection: about 13 s for the two 64 MiB disks, so the first job still
      // runs after the 6 s watch on a quiet machine (at 400 it had ended: CI of bb2ec93), while a
      // 16 MiB chunk in flight (about 3 s) still lets a stop land within the 8 s bound.
      hooks.downloads(slow, false, 800);
      long first = api.post("backups", request(slow), 202).getJsonNumber("id").longValue();
      awaitBytes(first, 1L << 20);
      long second = api.post("backups", request(next), 202).getJsonNumber("id").longValue();
      // Several of the node's polls (the hub looks for work every second) while the first runs.
      Instant watched = Instant.now().plusSeconds(6);
      while (Instant.now().isBefore(watched)) {
        assertEquals("QUEUED", job(second).getString("status"), "over the node's limit");
        Thread.sleep(500);
      }
      JsonObject running = job(first);
      assertEquals("RUNNING", running.getString("status"), running.toString());

      Instant asked = Instant.now();
      api.post("jobs/" + running.getJsonNumber("executionId").longValue() + "/stop", "{}", 200);
      JsonObject stopped = awaitEnd(first);
      Duration took = Duration.between(asked, Instant.now());
      System.out.println("NodeIT: stop requested -> job STOPPED in " + took.toMillis() + " ms");
      assertEquals("STOPPED", stopped.getString("status"), stopped + node.log());
      assertTrue(took.compareTo(STOP_BOUND) < 0, "stopped after " + took + node.log());
      awaitNoSnapshot(slow);

      JsonObject done = awaitEnd(second);
      assertEquals("COMPLETED", done.getString("status"), done + node.log());
      JsonObject point = api.object("backups/" + done.getInt("backupId"));
      assertMatches(point, copyDisks(next));
      assertTenths(done.getInt("backupId"));
    } finally {
      hooks.downloads(slow, false, 0);
      node.close();
      api.put("sources/" + sourceId + "/node", "{\"nodeId\":null}");
    }
  }

  /**
   * Placement order with two nodes, the source on node-q (draining): a repository placed on node-p
   * runs its backup there, a flow placed on node-p runs there (both verified with qemu-img
   * compare), a flow on node-q writing to node-p's repository and moving the flow's repository to
   * node-q are refused saying what to fix, and a backup only the source places waits with the
   * reason (node-q draining), in the API and the Jobs console, until node-q takes new jobs; so does
   * a whole-VM restore placed on node-q by its target source. The hub reads node-p's point through
   * node-p (a mount listing the guest's root, a file and the raw disk, byte for byte; timed against
   * the same reads of the flow's point in a repository the hub reaches; a copy of it into the hub's
   * repository equals the disks), and refuses once node-p is offline. Before that, a middle point
   * of node-p's repository is deleted: merged out on node-p.
   */
  @Test
  void theRepositorysNodeThenTheFlowsThenTheSourcesDecideWhereABackupRunsAndAQueuedOneSaysWhy()
      throws Exception {
    String vm = "DC0_H0_VM3";
    Path guest = guestDisk(vm);
    fill(vm, 2, 402);
    List<Path> disks = copyDisks(vm);
    long vmId = VcsimHooks.vmId(api, sourceId, vm);
    NodeProcess p = NodeProcess.start(tmp.resolve("node-p"), "node-p", token());
    NodeProcess q = NodeProcess.start(tmp.resolve("node-q"), "node-q", token());
    long flowId = 0;
    long onP = 0;
    long shared = 0;
    try {
      long pId = awaitState("node-p", "ONLINE").getInt("id");
      long qId = awaitState("node-q", "ONLINE").getInt("id");
      place(qId);
      assertEquals(200, api.put("nodes/" + qId, "{\"draining\":true}").statusCode());
      Path pFolder = Files.createDirectory(tmp.resolve("p-folder"));
      Path sharedFolder = Files.createDirectory(tmp.resolve("shared-folder"));
      onP = localRepository("on-node-p", pFolder);
      shared = localRepository("shared-by-nodes", sharedFolder);
      var placed = api.put("repositories/" + onP + "/node", "{\"nodeId\":" + pId + "}");
      assertEquals(200, placed.statusCode(), placed.body());
      assertEquals("node-p", HubApi.jsonObject(placed.body()).getString("nodeName"));

      long byRepository = api.post("backups", request(vm, onP), 202).getInt("id");
      JsonObject first = awaitEnd(byRepository);
      assertEquals("COMPLETED", first.getString("status"), first + p.log());
      assertEquals(
          "node-p", first.getString("nodeName"), "the repository's node beats the source's");
      Qemu.assertMatches(pFolder, api.object("backups/" + first.getInt("backupId")), disks);
      // read through node-p before verifiedOnTheNode flips a byte of the point
      PointReads.Timings relayed =
          PointReads.check(
              api, deployedAt, first.getInt("backupId"), guest, LARGE, disks.get(0), tmp);
      long copyJob =
          api.post(
                  "backups/" + first.getInt("backupId") + "/copy",
                  "{\"repositoryId\":" + repositoryId + "}",
                  202)
              .getJsonNumber("id")
              .longValue();
      JsonObject copied = awaitEnd(copyJob);
      assertEquals("COMPLETED", copied.getString("status"), "copied out through node-p: " + copied);
      assertMatches(api.object("backups/" + copied.getJsonNumber("backupId")), disks);
      verifiedOnTheNode(onP, first.getInt("backupId"), pFolder, p);
      JsonObject space =
          api.await(
                  "nodes/" + pId,
                  n ->
                      n.containsKey("health")
                          && n.getJsonObject("health").containsKey("repositories")
                          && !n.getJsonObject("health").getJsonArray("repositories").isEmpty(),
                  STEP)
              .getJsonObject("health")
              .getJsonArray("repositories")
              .getJsonObject(0);
      assertEquals(onP, space.getJsonNumber("id").longValue(), space.toString());
      assertEquals(
          Files.getFileStore(pFolder).getTotalSpace(),
          space.getJsonNumber("totalBytes").longValue(),
          "node-p reports the space of the repository placed on it");

      var contradiction = api.post("protection-flows", flow("on-q", vmId, onP, qId));
      assertEquals(409, contradiction.statusCode(), contradiction.body());
      assertTrue(
          contradiction.body().contains("place the flow on node 'node-p' or on no node"),
          contradiction.body());
      flowId = api.post("protection-flows", flow("on-p", vmId, shared, pId), 201).getInt("id");
      var moved = api.put("repositories/" + shared + "/node", "{\"nodeId\":" + qId + "}");
      assertEquals(409, moved.statusCode(), moved.body());
      assertTrue(moved.body().contains("Flow 'on-p' is placed on node 'node-p'"), moved.body());

      long execution = api.post("protection-flows/" + flowId + "/execute", "{}", 202).getInt("id");
      JsonObject byFlow =
          api.awaitArray(
                  "jobs?flow_execution_id=" + execution,
                  jobs ->
                      jobs.size() == 1
                          && BackupFixture.ENDED.contains(jobs.get(0).getString("status")),
                  STEP)
              .get(0);
      assertEquals("COMPLETED", byFlow.getString("status"), byFlow + p.log());
      assertEquals("node-p", byFlow.getString("nodeName"), "the flow's node beats the source's");
      Qemu.assertMatches(sharedFolder, api.object("backups/" + byFlow.getInt("backupId")), disks);
      PointReads.Timings direct =
          PointReads.check(
              api, deployedAt, byFlow.getInt("backupId"), guest, LARGE, disks.get(0), tmp);
      System.out.println(
          "Read through node-p: " + relayed + "; from a repository the hub reaches: " + direct);

      long bySource = api.post("backups", request(vm, shared), 202).getInt("id");
      JsonObject waiting =
          api.await(
                  "jobs/by-id/" + bySource,
                  d -> d.getJsonObject("job").get("waitReason") instanceof jakarta.json.JsonString,
                  STEP)
              .getJsonObject("job");
      assertEquals("QUEUED", waiting.getString("status"));
      assertEquals("node-q", waiting.getString("nodeName"));
      assertEquals(
          "Node 'node-q' is draining (no new jobs); resume it on the Nodes page",
          waiting.getString("waitReason"));
      // a restore of a point no node holds runs on its target source's node: it waits likewise
      long pointId = byFlow.getJsonNumber("backupId").longValue();
      long restore =
          api.post("restore/vms", "{\"backupId\":" + pointId + ",\"name\":\"q-wait\"}", 202)
              .getJsonNumber("id")
              .longValue();
      JsonObject queuedRestore = api.object("restore/vms/" + restore);
      assertEquals(
          List.of(
              "QUEUED",
              "node-q",
              "Node 'node-q' is draining (no new jobs); resume it on the Nodes page"),
          List.of(
              queuedRestore.getString("status"),
              queuedRestore.getString("nodeName"),
              queuedRestore.getString("waitReason")),
          queuedRestore.toString());
      api.post("restore/vms/" + restore + "/cancel", "{}", 200);
      try (Chromium chromium = new Chromium(deployedAt)) {
        chromium.logInAsAdmin();
        chromium.browser.get(chromium.url("jobs/job-list.xhtml?vm=" + vm));
        String rows =
            chromium.wait.until(
                d -> {
                  String text = d.findElement(By.id("jobs:table_data")).getText();
                  return text.contains("draining") ? text : null;
                });
        assertTrue(
            rows.contains("on node node-q")
                && rows.contains("Node 'node-q' is draining (no new jobs)")
                && rows.contains("on node node-p"),
            rows);
      }
      assertEquals(200, api.put("nodes/" + qId, "{\"draining\":false}").statusCode());
      JsonObject last = awaitEnd(bySource);
      assertEquals("COMPLETED", last.getString("status"), last + q.log());
      assertEquals("node-q", last.getString("nodeName"));
      Qemu.assertMatches(sharedFolder, api.object("backups/" + last.getInt("backupId")), disks);
      long newest = removedOnTheNode(vm, onP, pFolder, p);
      p.close();
      awaitState("node-p", "OFFLINE");
      var offline =
          api.post(
              "restore/mounts", "{\"backupId\":" + first.getInt("backupId") + ",\"diskIndex\":0}");
      assertEquals(409, offline.statusCode(), "nothing to read through an offline node");
      assertTrue(
          offline
              .body()
              .contains(
                  "Repository 'on-node-p' is reachable from node 'node-p' only, and the hub reads"
                      + " it through that node, which is offline since"),
          offline.body());
      // a removal waiting for the offline node-p follows its repository when the admin takes the
      // repository back to the hub (it reaches the folder too): the hub runs it itself
      List<String> newestFiles = files(api.object("backups/" + newest));
      var dropped = api.delete("backups/" + newest);
      assertEquals(202, dropped.statusCode(), dropped.body());
      assertEquals(200, api.put("repositories/" + onP + "/node", "{\"nodeId\":null}").statusCode());
      Instant dropDeadline = Instant.now().plus(STEP);
      while (api.get("backups/" + newest).statusCode() != 404) {
        assertTrue(Instant.now().isBefore(dropDeadline), "point " + newest + " removed by the hub");
        Thread.sleep(250);
      }
      for (String f : newestFiles) {
        assertFalse(Files.exists(pFolder.resolve(f)), "the dropped " + f + " is gone");
      }
    } finally {
      p.close();
      q.close();
      api.put("sources/" + sourceId + "/node", "{\"nodeId\":null}");
      if (flowId != 0) {
        api.delete("protection-flows/" + flowId);
      }
      if (onP != 0) {
        api.put("repositories/" + onP + "/node", "{\"nodeId\":null}");
      }
    }
  }

  /**
   * Verification of a repository placed on node-p (the Verify button's call) runs on node-p: the
   * hub never opens the repository; the node reads the images with the hub's reading code and the
   * hub judges what it found: VERIFIED, with the images' hashes recorded (by the node). Then one
   * byte flipped in an image on disk: CORRUPT, found by the node.
   */
  private void verifiedOnTheNode(long repositoryId, long backupId, Path folder, NodeProcess node)
      throws Exception {
    long started = System.nanoTime();
    api.post("repositories/" + repositoryId + "/verify", "{}", 202);
    String summary =
        api.await(
                "repositories/" + repositoryId + "/verification",
                v -> v.getString("lastSummary", "").contains("read by node 'node-p'"),
                STEP)
            .getString("lastSummary");
    assertTrue(summary.startsWith("1 verified, 0 corrupt, 0 missing, 0 skipped"), summary);
    JsonObject point = api.object("backups/" + backupId);
    assertEquals(
        "VERIFIED",
        point.getJsonObject("backup").getJsonObject("verification").getString("status"),
        summary);
    for (JsonObject disk : point.getJsonArray("disks").getValuesAs(JsonObject.class)) {
      assertFalse(disk.getBoolean("hashPending"), disk.toString());
      assertEquals(
          sha256(folder.resolve(disk.getString("fileName"))),
          disk.getString("sha256"),
          "the hash the node recorded");
    }
    assertTrue(node.log().contains("Reported lifecycle task"), node.log());

    String image = point.getJsonArray("disks").getJsonObject(0).getString("fileName");
    try (var f = new java.io.RandomAccessFile(folder.resolve(image).toFile(), "rw")) {
      long at = f.length() / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x5a);
    }
    api.post("repositories/" + repositoryId + "/verify", "{}", 202);
    String corrupt =
        api.await(
                "repositories/" + repositoryId + "/verification",
                v -> v.getString("lastSummary", "").startsWith("0 verified, 1 corrupt"),
                STEP)
            .getString("lastSummary");
    assertTrue(corrupt.endsWith("read by node 'node-p'"), corrupt);
    JsonObject damaged =
        api.object("backups/" + backupId).getJsonObject("backup").getJsonObject("verification");
    assertEquals("CORRUPT", damaged.getString("status"), damaged.toString());
    String shortName = image.substring(image.lastIndexOf('/') + 1);
    assertTrue(damaged.getString("detail").contains(shortName), damaged.toString());
    System.out.printf(
        "NodeIT: verification on node-p, twice, %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  /**
   * A manual delete of a middle point of node-p's repository (two incrementals on the first point):
   * the merge runs on node-p, each step recorded by the hub first; the point is gone from the
   * catalog, the newest point reads as it was backed up (qemu-img compare) from the merged file,
   * the merged-away images are gone, and node-p rewrote the manifests on disk.
   */
  /** Returns the newest point, now built on the first. */
  private long removedOnTheNode(String vm, long repositoryId, Path folder, NodeProcess node)
      throws Exception {
    long vmId = VcsimHooks.vmId(api, sourceId, vm);
    change(vm, 1, 501);
    long middle = BackupFixture.backUp(api, vmId, repositoryId);
    change(vm, 2, 502);
    List<Path> disks = new ArrayList<>();
    for (int n = 1; n <= 2; n++) {
      disks.add(Files.copy(hooks.flatFile(vm, n), tmp.resolve(vm + "-newest-disk" + n + ".raw")));
    }
    long newest = BackupFixture.backUp(api, vmId, repositoryId);
    List<String> middleFiles = files(api.object("backups/" + middle));
    List<String> newestFiles = files(api.object("backups/" + newest));
    for (JsonObject d :
        api.object("backups/" + newest).getJsonArray("disks").getValuesAs(JsonObject.class)) {
      assertEquals(
          middle,
          d.getJsonNumber("parentBackupId").longValue(),
          "the newest point is built on the middle one: " + d);
    }

    long started = System.nanoTime();
    var deleted = api.delete("backups/" + middle);
    assertEquals(202, deleted.statusCode(), deleted.body());
    Instant deadline = Instant.now().plus(STEP);
    while (api.get("backups/" + middle).statusCode() != 404) {
      assertTrue(Instant.now().isBefore(deadline), "point " + middle + " removed: " + node.log());
      Thread.sleep(250);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    JsonObject after = api.object("backups/" + newest);
    assertEquals(middleFiles, files(after), "the newest point reads from the merged files");
    for (String f : newestFiles) {
      assertFalse(Files.exists(folder.resolve(f)), "the merged-away " + f + " is gone");
    }
    Qemu.assertMatches(folder, after, disks);
    assertTrue(node.log().contains("(remove 2 steps of repository"), node.log());

    String vmFolder = middleFiles.get(0).substring(0, middleFiles.get(0).indexOf('/'));
    String first = middleFiles.get(0).substring(vmFolder.length() + 1);
    deadline = Instant.now().plus(STEP);
    while (true) {
      List<String> manifests = manifests(folder.resolve(vmFolder));
      // a point's own catalogId is followed by its VM (whose catalogId may equal a point's)
      boolean rewritten =
          manifests.stream().noneMatch(m -> m.contains("\"catalogId\":" + middle + ",\"vm\""))
              && manifests.stream()
                  .anyMatch(
                      m -> m.contains("\"catalogId\":" + newest + ",\"vm\"") && m.contains(first));
      if (rewritten) {
        break;
      }
      assertTrue(Instant.now().isBefore(deadline), "manifests rewritten: " + manifests);
      Thread.sleep(250);
    }
    System.out.printf(
        "NodeIT: a middle point merged out on node-p in %.1f s, manifests rewritten after %.1f s%n",
        seconds, (System.nanoTime() - started) / 1e9);
    return newest;
  }

  private static List<String> files(JsonObject point) {
    return point.getJsonArray("disks").getValuesAs(JsonObject.class).stream()
        .map(d -> d.getString("fileName"))
        .toList();
  }

  /** The manifests' texts in a folder. */
  private static List<String> manifests(Path folder) throws IOException {
    List<String> texts = new ArrayList<>();
    try (var list = Files.list(folder)) {
      for (Path m : list.filter(f -> f.toString().endsWith(".point.json")).toList()) {
        texts.add(Files.readString(m).replaceAll("\\s", ""));
      }
    }
    return texts;
  }

  /** A few changed regions of a disk, for an incremental point. */
  private static void change(String vm, int disk, long seed) throws Exception {
    Random random = new Random(seed);
    try (RandomAccessFile file = new RandomAccessFile(hooks.flatFile(vm, disk).toFile(), "rw")) {
      for (int i = 0; i < 3; i++) {
        file.seek((long) random.nextInt((int) (DISK >> 18)) << 18);
        byte[] data = new byte[256 << 10];
        random.nextBytes(data);
        file.write(data);
      }
    }
  }

  private static String sha256(Path file) throws Exception {
    var digest = java.security.MessageDigest.getInstance("SHA-256");
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 20];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return java.util.HexFormat.of().formatHex(digest.digest());
  }

  private long localRepository(String name, Path folder) throws Exception {
    String body = BackupFixture.localRepository(name, folder);
    return api.post("repositories", body, 201).getJsonNumber("id").longValue();
  }

  /**
   * Restores {@code point} as a new VM while its source is placed on the node: the restore runs on
   * that node (the hub's runtime never sees it) and each restored disk equals the point's chain.
   */
  private void restoreOnTheNode(JsonObject point, NodeProcess node, String nodeName)
      throws Exception {
    long backupId = point.getJsonObject("backup").getJsonNumber("id").longValue();
    String name = "node-restored-" + backupId;
    long id =
        api.post("restore/vms", "{\"backupId\":" + backupId + ",\"name\":\"" + name + "\"}", 202)
            .getJsonNumber("id")
            .longValue();
    JsonObject done =
        api.await(
            "restore/vms/" + id,
            r -> Set.of("COMPLETED", "FAILED").contains(r.getString("status")),
            STEP);
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    assertEquals(nodeName, done.getString("nodeName"), "the restore ran on the node: " + done);
    assertTrue(
        node.log().contains("Started WorkItem[restore " + id + ","),
        "the node's runtime ran it: " + node.log());
    JsonObject restored = hooks.vm(name).orElseThrow(() -> new AssertionError("no VM " + name));
    assertEquals(done.getString("vmId"), restored.getString("id"));
    Qemu.assertMatches(repository, point, hooks.downloadDisks(restored, tmp));
  }

  private static String flow(String name, long vmId, long repositoryId, long nodeId) {
    return "{\"name\":\""
        + name
        + "\",\"targetVmId\":"
        + vmId
        + ",\"repositoryId\":"
        + repositoryId
        + ",\"schedule\":\"\",\"nodeId\":"
        + nodeId
        + "}";
  }

  /**
   * The console shows the node's executions as the hub's: the one that completed with its steps,
   * the one the killed node left unfinished as FAILED, NODE_STOPPED.
   */
  private void assertConsoleShowsTheNodesExecutions(long jobId, int count) throws Exception {
    JsonObject detail = api.object("jobs/by-id/" + jobId);
    List<JsonObject> executions = detail.getJsonArray("executions").getValuesAs(JsonObject.class);
    assertEquals(count, executions.size(), detail.toString());
    JsonObject last = executions.get(0);
    assertEquals("COMPLETED", last.getString("batchStatus"), detail.toString());
    assertEquals(
        List.of(
            "prepare COMPLETED",
            "snapshot COMPLETED",
            "transfer COMPLETED",
            "finalize COMPLETED",
            "cleanup COMPLETED"),
        last.getJsonArray("steps").getValuesAs(JsonObject.class).stream()
            .map(s -> s.getString("name") + " " + s.getString("batchStatus"))
            .toList(),
        detail.toString());
    JsonObject killed = executions.get(executions.size() - 1);
    assertEquals(
        "FAILED/NODE_STOPPED",
        killed.getString("batchStatus") + "/" + killed.getString("exitStatus"),
        detail.toString());
  }

  /**
   * A kept telemetry sample at every tenth of each disk the transfer passed. The job reports after
   * each checkpoint chunk (16 MiB here: a quarter of a 64 MiB disk), so each chunk's end in the
   * transfer must be a kept sample, 16, 32 and 48 MiB of each disk, however fast it went (the 3 s
   * and 30 s cadences alone keep one or two). Read from the catalog: the API's points carry totals.
   */
  private static void assertTenths(long backupId) throws Exception {
    java.util.Map<String, java.util.Set<Long>> seen = new java.util.TreeMap<>();
    try (var db = HubEnvironment.catalog();
        var s =
            db.prepareStatement(
                "SELECT disk_progress FROM telemetry_snapshots"
                    + " WHERE backup_id = ? AND phase = 'TRANSFER'")) {
      s.setLong(1, backupId);
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          HubApi.parse(rows.getString(1))
              .asJsonObject()
              .forEach(
                  (disk, v) ->
                      seen.computeIfAbsent(disk, k -> new java.util.TreeSet<>())
                          .add(v.asJsonArray().getJsonNumber(0).longValue() >> 20));
        }
      }
    }
    assertEquals(2, seen.size(), "disks in the samples: " + seen);
    for (java.util.Set<Long> mib : seen.values()) {
      assertTrue(mib.containsAll(List.of(16L, 32L, 48L)), "MiB done at kept samples " + seen);
    }
  }

  @Test
  void theNodesPagePairsANodeShowsItOnlineDrainsAndRevokesIt() throws Exception {
    try (Chromium chromium = new Chromium(deployedAt)) {
      chromium.logInAsAdmin();
      chromium.browser.get(chromium.url("nodes/node-list.xhtml"));
      try {
        chromium.wait.until(ExpectedConditions.elementToBeClickable(By.id("pair:create"))).click();
      } catch (org.openqa.selenium.TimeoutException e) {
        chromium.screenshot("nodes-page");
        throw new AssertionError(
            "no Pair button on "
                + chromium.browser.getCurrentUrl()
                + ": "
                + chromium.browser.findElement(By.tagName("body")).getText(),
            e);
      }
      String command =
          chromium.wait.until(
              d -> {
                var shown = d.findElements(By.id("pair-command"));
                return shown.isEmpty() || shown.get(0).getText().isBlank()
                    ? null
                    : shown.get(0).getText();
              });
      assertTrue(
          command.startsWith("deploy/run-node.sh --hub https://")
              && command.contains(":" + HubEnvironment.nodesPort() + " --token "),
          command);
      chromium.dismissGrowls();
      assertEquals(List.of(), chromium.inBothThemes("node-pairing"), "the pairing panel");
      String token = command.substring(command.indexOf("--token ") + 8).strip();
      try (NodeProcess node = NodeProcess.start(tmp.resolve("node-page"), "node-page", token)) {
        try {
          awaitState("node-page", "ONLINE");
          chromium.wait.until(d -> row(d, "node-page").getText().contains("ONLINE"));
          chromium.dismissGrowls();
          assertEquals(
              List.of(), chromium.inBothThemes("node-list-with-node"), "a node's row, editable");
        } catch (AssertionError | org.openqa.selenium.TimeoutException e) {
          throw new AssertionError(
              "the page does not show node-page ONLINE: "
                  + chromium.browser.findElement(By.id("nodes:table")).getText()
                  + "\nname inputs: "
                  + chromium.browser.findElements(By.cssSelector("input[id$=':name']")).stream()
                      .map(i -> i.getAttribute("id") + "=" + i.getAttribute("value"))
                      .toList()
                  + "\nnode log:\n"
                  + node.log(),
              e);
        }
        placeThroughTheEditors(chromium, "node-page");
        chromium.browser.get(chromium.url("nodes/node-list.xhtml"));
        // The page's poll redraws the table every 5 s: the button is found anew for the click.
        chromium.click(
            "node-page's Drain",
            d -> row(d, "node-page").findElement(By.cssSelector("[id$=':drain']")));
        chromium.wait.until(d -> row(d, "node-page").getText().contains("(draining)"));
        assertTrue(node("node-page").getBoolean("draining"));
        chromium.click(
            "node-page's Revoke",
            d -> row(d, "node-page").findElement(By.cssSelector("[id$=':revoke']")));
        chromium
            .wait
            .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
            .click();
        chromium.wait.until(d -> row(d, "node-page").getText().contains("REVOKED"));
        assertEquals("REVOKED", node("node-page").getString("state"));
      }
    }
  }

  /**
   * An admin places a source (its row's menu on the Sources page), a repository and a flow (their
   * editors) on the node named {@code name}, each choice seen in the API; then all go back to the
   * hub through the same controls where the page offers it.
   */
  private void placeThroughTheEditors(Chromium chromium, String name) throws Exception {
    long nodeId = node(name).getJsonNumber("id").longValue();
    String label = "Node " + name;
    Path folder = Files.createDirectories(tmp.resolve("editors-repository"));
    long repositoryId = localRepository("editors-" + name, folder);
    long vmId = VcsimHooks.vmId(api, sourceId, "DC0_H0_VM2");
    String flowName = "editors-" + name;
    long flowId =
        api.post(
                "protection-flows",
                "{\"name\":\""
                    + flowName
                    + "\",\"targetVmId\":"
                    + vmId
                    + ",\"repositoryId\":"
                    + repositoryId
                    + ",\"schedule\":\"\"}",
                201)
            .getInt("id");
    String sourceName = api.object("sources/" + sourceId).getString("name");
    try {
      chromium.browser.get(chromium.url("sources/source-list.xhtml"));
      String menu =
          chromium.await(
              "the Sources page's node menu of " + sourceName,
              d ->
                  rowWith(d, "sources:table_data", sourceName)
                      .findElement(By.cssSelector("[id$=':node']"))
                      .getAttribute("id"),
              id -> id != null && !id.isBlank());
      // before the choice: its growl fades in, and axe reads a fading growl's colours as too pale
      chromium.assertAccessible();
      chromium.choose(menu, label);
      api.await(
          "sources/" + sourceId,
          s -> s.get("nodeId") instanceof jakarta.json.JsonNumber n && n.longValue() == nodeId,
          Duration.ofSeconds(20));
      chromium.choose(menu, "The hub");
      api.await(
          "sources/" + sourceId,
          s -> !s.containsKey("nodeId") || s.isNull("nodeId"),
          Duration.ofSeconds(20));

      chromium.browser.get(chromium.url("repositories/repository-list.xhtml"));
      chromium.click(
          "the Edit button of repository editors-" + name,
          d ->
              rowWith(d, "repos:table_data", "editors-" + name)
                  .findElement(By.cssSelector("[id$=':edit']")));
      chromium.await(
          "the repository editor", d -> d.findElement(By.id("editor:node")).isDisplayed(), v -> v);
      chromium.choose("editor:node", "Only node " + name + " (its backups run there)");
      chromium.click(By.id("editor:save"));
      api.await(
          "repositories/" + repositoryId,
          r -> r.get("nodeId") instanceof jakarta.json.JsonNumber n && n.longValue() == nodeId,
          Duration.ofSeconds(20));

      chromium.browser.get(chromium.url("flows/flow-list.xhtml"));
      // The list shows 25 flows a page; the filter brings this one to the first.
      chromium
          .wait
          .until(ExpectedConditions.elementToBeClickable(By.id("flows:table:globalFilter")))
          .sendKeys(flowName);
      chromium.click(
          "the Edit button of flow " + flowName,
          d ->
              rowWith(d, "flows:table_data", flowName)
                  .findElement(By.cssSelector("[id$=':edit']")));
      chromium.await(
          "the flow editor", d -> d.findElement(By.id("editor:node")).isDisplayed(), v -> v);
      chromium.choose("editor:node", label);
      chromium.click(By.id("editor:save"));
      api.await(
          "protection-flows/" + flowId,
          f -> f.get("nodeId") instanceof jakarta.json.JsonNumber n && n.longValue() == nodeId,
          Duration.ofSeconds(20));
    } finally {
      api.delete("protection-flows/" + flowId);
      api.put("sources/" + sourceId + "/node", "{\"nodeId\":null}");
      api.put("repositories/" + repositoryId + "/node", "{\"nodeId\":null}");
    }
  }

  /** The row of table body {@code tbodyId} whose text contains {@code text}. */
  private static WebElement rowWith(WebDriver browser, String tbodyId, String text) {
    return browser.findElements(By.cssSelector("[id='" + tbodyId + "'] > tr")).stream()
        .filter(r -> r.getText().contains(text))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no row with " + text + " in " + tbodyId));
  }

  /** The Nodes page's row of the node named {@code name} (admins see the name in an input). */
  private static WebElement row(WebDriver browser, String name) {
    return browser.findElements(By.cssSelector("[id='nodes:table_data'] > tr")).stream()
        .filter(
            r ->
                r.findElements(By.cssSelector("input[id$=':name']")).stream()
                    .anyMatch(i -> name.equals(i.getAttribute("value"))))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no row of node " + name));
  }

  /** The hub removes the lost node's snapshot right after it failed the job. */
  private static void awaitNoSnapshot(String vm) throws Exception {
    java.time.Instant deadline = java.time.Instant.now().plus(STEP);
    List<String> left = hooks.snapshots(vm);
    while (!left.isEmpty() && java.time.Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
      left = hooks.snapshots(vm);
    }
    assertEquals(List.of(), left, "the lost node's sbak- snapshot is removed by the hub");
  }

  private String token() throws Exception {
    return api.post("nodes/pairing-tokens", "{}", 201).getString("token");
  }

  private JsonObject node(String name) throws Exception {
    return HubApi.objects(api.array("nodes")).stream()
        .filter(n -> n.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node " + name));
  }

  private JsonObject awaitState(String name, String state) throws Exception {
    List<JsonObject> nodes =
        api.awaitArray(
            "nodes",
            list ->
                list.stream()
                    .anyMatch(
                        n ->
                            n.getString("name").equals(name) && n.getString("state").equals(state)),
            STEP);
    return nodes.stream().filter(n -> n.getString("name").equals(name)).findFirst().orElseThrow();
  }

  private void place(long nodeId) throws Exception {
    var r = api.put("sources/" + sourceId + "/node", "{\"nodeId\":" + nodeId + "}");
    assertEquals(200, r.statusCode(), r.body());
  }

  private String request(String vm) throws Exception {
    return request(vm, repositoryId);
  }

  private String request(String vm, long repository) throws Exception {
    return "{\"vmId\":"
        + VcsimHooks.vmId(api, sourceId, vm)
        + ",\"repositoryId\":"
        + repository
        + ",\"type\":\"full\"}";
  }

  private JsonObject job(long jobId) throws Exception {
    return api.object("jobs/by-id/" + jobId).getJsonObject("job");
  }

  private void awaitBytes(long jobId, long bytes) throws Exception {
    api.await(
        "jobs/by-id/" + jobId,
        d ->
            d.getJsonObject("job").getString("status").equals("RUNNING")
                && d.getJsonObject("job").getJsonNumber("bytesDone").longValue() >= bytes,
        STEP);
  }

  private JsonObject awaitEnd(long jobId) throws Exception {
    return BackupFixture.awaitEnd(api, jobId, STEP);
  }

  private void assertMatches(JsonObject point, List<Path> expected) throws Exception {
    Qemu.assertMatches(repository, point, expected);
  }

  private List<Path> copyDisks(String vm) throws IOException {
    List<Path> copies = new ArrayList<>();
    for (int n = 1; n <= 2; n++) {
      Path copy = tmp.resolve(vm + "-disk" + n + ".raw");
      Files.copy(hooks.flatFile(vm, n), copy);
      copies.add(copy);
    }
    return copies;
  }

  /**
   * Disk 1 of {@code vm} as a guest disk with an ext4 file system (partition 1) holding {@link
   * GuestFiles#folder} and a larger random file, {@link #LARGE}; returns the guest folder.
   */
  private Path guestDisk(String vm) throws Exception {
    Path guest = GuestFiles.folder(Files.createDirectories(tmp.resolve(vm + "-guest")), vm);
    byte[] large = new byte[24 << 20];
    new Random(403).nextBytes(large);
    Files.write(guest.resolve(LARGE), large);
    Path image = tmp.resolve(vm + "-guest.raw");
    GuestImages.build(guest, image, DISK, Files.createDirectories(tmp.resolve(vm + "-work")));
    GuestImages.writeInPlace(image, hooks.flatFile(vm, 1));
    Files.delete(image);
    return guest;
  }

  /** Random data across the whole disk, so the transfer takes long enough to be interrupted. */
  private static void fill(String vm, int disk, long seed) throws Exception {
    Random random = new Random(seed);
    byte[] block = new byte[1 << 20];
    try (RandomAccessFile file = new RandomAccessFile(hooks.flatFile(vm, disk).toFile(), "rw")) {
      for (long at = 0; at < DISK; at += block.length) {
        random.nextBytes(block);
        file.seek(at);
        file.write(block);
      }
    }
  }
}
