package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.testkit.VcsimProcess;
import jakarta.json.JsonObject;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VM restore killed in the middle of its upload (SIGKILL of the hub's Payara), the hub started
 * again by the real launcher on the same data: the restore resumes by itself with the same VM and
 * completes, and each disk read back through the datastore equals the point's.
 */
class RestoreVmCrashIT {
  private static final long DISK = 64L << 20;
  private static final String VM = "DC0_H0_VM0";
  private static final String PASSWORD = "crash-Restore-1";
  private static final String TARGET = "crash-restored";
  private static final java.util.Map<String, String> ONE_DISK_AT_A_TIME =
      java.util.Map.of("SENDENSE_RESTORES_DISKS_IN_PARALLEL", "1");

  @TempDir Path data;
  @TempDir Path tmp;

  @Test
  void aRestoreKilledMidUploadResumesAfterTheHubRestartsAndVerifies() throws Exception {
    int port = LaunchedHub.freePort();
    try (VcsimProcess vcsim =
        VcsimProcess.start(
            Path.of(System.getProperty("sendense.it.vcsim-build")),
            List.of("-password=" + PASSWORD, "-extra-disks=1", "-disk-mb=" + (DISK >> 20)))) {
      VcsimHooks hooks = new VcsimHooks(vcsim);
      randomize(hooks, 1, 41);
      randomize(hooks, 2, 42);
      long restoreId;
      String vmIdBeforeKill;
      long backupId;
      try (LaunchedHub hub = LaunchedHub.start(data, port, ONE_DISK_AT_A_TIME)) {
        HubApi api = hub.awaitApi();
        long vmId = VcsimHooks.vmId(api, hooks.addAsSource(api, "admin", PASSWORD), VM);
        backupId = BackupFixture.backUp(api, vmId, BackupFixture.localId(api));
        hooks.uploads(TARGET, false, 300);
        restoreId =
            api.post(
                    "restore/vms",
                    "{\"backupId\":" + backupId + ",\"name\":\"" + TARGET + "\"}",
                    202)
                .getJsonNumber("id")
                .longValue();
        JsonObject running =
            api.await(
                "restore/vms/" + restoreId,
                r -> r.getJsonNumber("bytesDone").longValue() >= DISK + DISK / 4,
                Duration.ofMinutes(3));
        assertEquals("RUNNING", running.getString("status"), running.toString());
        vmIdBeforeKill = running.getString("vmId");
        hub.killPayara();
      }
      hooks.uploads(TARGET, false, 0);
      long receivedBeforeRestart = settled(hooks);

      try (LaunchedHub hub = LaunchedHub.start(data, port, ONE_DISK_AT_A_TIME)) {
        HubApi api = hub.awaitApi();
        JsonObject done =
            api.await(
                "restore/vms/" + restoreId,
                r -> Set.of("COMPLETED", "FAILED").contains(r.getString("status")),
                Duration.ofMinutes(3));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(1, done.getInt("interruptions"));
        assertEquals(2, done.getInt("executions"));
        assertEquals(vmIdBeforeKill, done.getString("vmId"), "it went on with the same VM");
        long resent = hooks.received(TARGET) - receivedBeforeRestart;
        assertEquals(DISK, resent, "only the disk that was being written is written again");
        JsonObject restored = hooks.vm(TARGET).orElseThrow();
        assertEquals(vmIdBeforeKill, restored.getString("id"));
        Path repository = data.resolve("repository");
        JsonObject point = api.object("backups/" + backupId);
        Qemu.assertMatches(repository, point, hooks.downloadDisks(restored, tmp));
        assertTrue(hooks.vm(VM).isPresent(), "the original is untouched");
      }
    }
  }

  /**
   * Bytes vcsim received for the target once the killed upload's last bytes (still in the socket
   * buffers when Payara died) are in: the same count twice, half a second apart.
   */
  private static long settled(VcsimHooks hooks) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    long last = -1;
    while (Instant.now().isBefore(deadline)) {
      long now = hooks.received(TARGET);
      if (now == last) {
        return now;
      }
      last = now;
      Thread.sleep(500);
    }
    throw new AssertionError("vcsim kept receiving for 30 s after the kill");
  }

  private static void randomize(VcsimHooks hooks, int disk, long seed) throws Exception {
    Random random = new Random(seed);
    byte[] block = new byte[1 << 20];
    try (RandomAccessFile file = new RandomAccessFile(hooks.flatFile(VM, disk).toFile(), "rw")) {
      for (long at = 0; at < DISK; at += 2L * block.length) {
        random.nextBytes(block);
        file.seek(at);
        file.write(block);
      }
    }
  }
}
