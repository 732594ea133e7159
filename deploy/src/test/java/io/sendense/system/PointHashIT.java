package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.point.PointManifests;
import io.sendense.image.point.PointVerifier;
import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A point is complete when its images are durable; the hub records each image's SHA-256 right after
 * (in the background) and keeps it "hash pending" until then. With background hashing off ({@code
 * SENDENSE_HASH_THREADS=0}) the pending state is visible: {@code sendense-image verify} calls it
 * neither verified nor corrupt, verification and a merge hash a pending image before they use it,
 * and a hub started again hashes what was left pending. With the hasher on, a new backup's hash is
 * recorded within seconds. Every recorded hash is compared with coreutils' sha256sum.
 */
class PointHashIT {
  private static final long DISK = 32L << 20;
  private static final String VM = "DC0_H0_VM0";
  private static final String PASSWORD = "hash-Secret-1";
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path data;
  @TempDir Path tmp;

  @Test
  void hashesFollowTheBackupAndPendingOnesAreHashedByVerifyMergeAndRestart() throws Exception {
    try (VcsimProcess vcsim =
        VcsimProcess.start(
            Path.of(System.getProperty("sendense.it.vcsim-build")),
            List.of("-password=" + PASSWORD, "-disk-mb=" + (DISK >> 20)))) {
      VcsimHooks hooks = new VcsimHooks(vcsim);
      Path repository = data.resolve("repository");
      int port = LaunchedHub.freePort();
      long vmId;
      long last;
      try (LaunchedHub hub = LaunchedHub.start(data, port, Map.of("SENDENSE_HASH_THREADS", "0"))) {
        HubApi api = hub.awaitApi();
        vmId = VcsimHooks.vmId(api, hooks.addAsSource(api, "admin", PASSWORD), VM);
        long local = BackupFixture.localId(api);

        change(hooks, 1);
        long full = BackupFixture.backUp(api, vmId, local);
        JsonObject disk = disk(api, full);
        assertTrue(disk.getBoolean("hashPending"), disk.toString());
        assertTrue(!disk.containsKey("sha256") || disk.isNull("sha256"), disk.toString());
        Path fullFile = repository.resolve(disk.getString("fileName"));
        PointVerifier.Outcome pending = PointVerifier.verify(manifest(fullFile));
        assertEquals(PointVerifier.Status.HASH_PENDING, pending.status(), pending.toString());

        assertEquals(202, api.post("backups/" + full + "/verify", "").statusCode());
        JsonObject verified =
            api.await(
                "backups/" + full,
                d -> d.getJsonObject("backup").containsKey("verification"),
                TIMEOUT);
        assertEquals(
            "VERIFIED",
            verified.getJsonObject("backup").getJsonObject("verification").getString("status"),
            verified.toString());
        assertHashed(disk(api, full), fullFile);

        change(hooks, 2);
        long incremental = BackupFixture.backUp(api, vmId, local);
        assertTrue(disk(api, incremental).getBoolean("hashPending"));
        Path atIncremental = Files.copy(hooks.flatFile(VM, 1), tmp.resolve("at-incremental.raw"));
        assertEquals(202, api.delete("backups/" + full).statusCode());
        awaitGone(api, full);
        JsonObject merged = disk(api, incremental);
        Path mergedFile = repository.resolve(merged.getString("fileName"));
        assertEquals(fullFile, mergedFile, "the incremental was merged into the full's file");
        assertHashed(merged, mergedFile);
        String compare =
            Qemu.run(
                "compare",
                "-f",
                "qcow2",
                "-F",
                "raw",
                mergedFile.toString(),
                atIncremental.toString());
        assertTrue(compare.contains("Images are identical"), compare);

        change(hooks, 3);
        last = BackupFixture.backUp(api, vmId, local);
        assertTrue(disk(api, last).getBoolean("hashPending"), "left pending for the next start");
      }

      try (LaunchedHub hub = LaunchedHub.start(data, port, Map.of())) {
        HubApi api = hub.awaitApi();
        JsonObject left = awaitHashed(api, last, TIMEOUT);
        Path lastFile = repository.resolve(left.getString("fileName"));
        assertHashed(left, lastFile);
        PointVerifier.Outcome outcome = PointVerifier.verify(manifest(lastFile));
        assertEquals(PointVerifier.Status.VERIFIED, outcome.status(), outcome.toString());

        change(hooks, 4);
        long next = BackupFixture.backUp(api, vmId, BackupFixture.localId(api));
        Instant completed = Instant.now();
        JsonObject hashed = awaitHashed(api, next, Duration.ofSeconds(60));
        System.out.println(
            "hash of point "
                + next
                + " recorded "
                + Duration.between(completed, Instant.now()).toMillis()
                + " ms after the test saw it complete");
        Path nextFile = repository.resolve(hashed.getString("fileName"));
        assertHashed(hashed, nextFile);
        outcome = PointVerifier.verify(manifest(nextFile));
        assertEquals(PointVerifier.Status.VERIFIED, outcome.status(), outcome.toString());
      }
    }
  }

  /** The image's recorded hash is there, not pending, and is what sha256sum prints. */
  private static void assertHashed(JsonObject disk, Path file) throws Exception {
    assertFalse(disk.getBoolean("hashPending"), disk.toString());
    assertEquals(sha256sum(file), disk.getString("sha256"), "recorded hash of " + file);
  }

  private static JsonObject awaitHashed(HubApi api, long backupId, Duration timeout)
      throws Exception {
    JsonObject point =
        api.await(
            "backups/" + backupId,
            d -> !d.getJsonArray("disks").getJsonObject(0).getBoolean("hashPending"),
            timeout);
    return point.getJsonArray("disks").getJsonObject(0);
  }

  private static JsonObject disk(HubApi api, long backupId) throws Exception {
    return api.object("backups/" + backupId).getJsonArray("disks").getJsonObject(0);
  }

  /** The point's manifest next to its image ({@code <point>-disk<key>.qcow2}). */
  private static Path manifest(Path image) {
    String name = image.getFileName().toString().replaceFirst("-disk\\d+\\.qcow2$", "");
    return image.resolveSibling(name + PointManifests.SUFFIX);
  }

  /** Random 256 KiB blocks over the disk. */
  private static void change(VcsimHooks hooks, long seed) throws Exception {
    Random random = new Random(seed);
    try (RandomAccessFile file = new RandomAccessFile(hooks.flatFile(VM, 1).toFile(), "rw")) {
      for (int i = 0; i < 12; i++) {
        byte[] block = new byte[256 << 10];
        random.nextBytes(block);
        file.seek((long) random.nextInt((int) (DISK >> 18)) << 18);
        file.write(block);
      }
    }
  }

  private static String sha256sum(Path file) throws Exception {
    Process p = new ProcessBuilder("sha256sum", file.toString()).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertEquals(0, p.waitFor());
    return out.substring(0, 64);
  }

  private static void awaitGone(HubApi api, long backupId) throws Exception {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (api.get("backups/" + backupId).statusCode() != 404) {
      assertTrue(Instant.now().isBefore(deadline), "backup " + backupId + " was not removed");
      TimeUnit.MILLISECONDS.sleep(250);
    }
  }
}
