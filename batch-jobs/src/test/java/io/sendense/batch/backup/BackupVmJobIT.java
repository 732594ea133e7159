package io.sendense.batch.backup;

import static io.sendense.batch.backup.BackupFixture.DISK_A;
import static io.sendense.batch.backup.BackupFixture.DISK_B;
import static io.sendense.batch.backup.BackupFixture.sha256;
import static io.sendense.batch.backup.BackupFixture.sha256OfImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.batch.point.PointFiles;
import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.BackupProgress;
import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.BackupStatus;
import io.sendense.batch.port.ChangeTracking;
import io.sendense.batch.port.DiskResult;
import io.sendense.batch.port.DiskTracking;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.VmConfiguration;
import jakarta.batch.runtime.BatchStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@code backup-vm} job XML under JBeret SE against a file VM with change tracking. */
class BackupVmJobIT {
  private static final List<String> FOREIGN = List.of("before upgrade", "srep-1");

  @TempDir Path tmp;

  @Test
  void fullThenIncrementalsMatchTheSourceByteForByte() throws Exception {
    BackupFixture f = new BackupFixture(tmp, 1);
    Map<Path, String> expected = new HashMap<>();

    BackupRecord full = runAndVerify(f, "incremental", 1, expected);
    assertEquals(List.of(), incrementals(full));
    assertEquals(
        DiskTracking.full("no complete backup of this disk in the repository yet"),
        f.ports.catalog().resultOf(full.backupId(), DISK_A).orElseThrow().tracking());
    assertEquals(List.of(), f.snapshotNames().stream().filter(n -> n.startsWith("sbak-")).toList());

    for (int round = 2; round <= 3; round++) {
      List<DiskExtent> changedA = f.change(DISK_A, 12);
      List<DiskExtent> changedB = f.change(DISK_B, 20);
      long readA = f.vm.bytesRead(DISK_A);
      long readB = f.vm.bytesRead(DISK_B);
      BackupRecord incr = runAndVerify(f, "incremental", round, expected);
      assertEquals(List.of(DISK_A, DISK_B), incrementals(incr));
      assertEquals(Extents.bytes(changedA), f.vm.bytesRead(DISK_A) - readA);
      assertEquals(Extents.bytes(changedB), f.vm.bytesRead(DISK_B) - readB);
      assertWroteAboutAsMuchAsChanged(f, incr, DISK_A, changedA);
      assertWroteAboutAsMuchAsChanged(f, incr, DISK_B, changedB);
      assertEquals(
          DiskTracking.cbt(),
          f.ports.catalog().resultOf(incr.backupId(), DISK_B).orElseThrow().tracking());
    }
    for (Map.Entry<Path, String> point : expected.entrySet()) {
      assertEquals(point.getValue(), sha256OfImage(point.getKey()), "point " + point.getKey());
    }
    assertEquals(3, f.vm.snapshotsCreated());
    assertEquals(FOREIGN, f.snapshotNames());
  }

  @Test
  void changeTrackingResetComparesContentAndStoresOnlyWhatChanged() throws Exception {
    BackupFixture f = new BackupFixture(tmp, 6);
    Map<Path, String> expected = new HashMap<>();
    runAndVerify(f, "incremental", 1, expected);
    List<DiskExtent> changedA = f.change(DISK_A, 8);
    List<DiskExtent> changedB = f.change(DISK_B, 8);
    f.vm.resetChangeTracking();
    long readA = f.vm.bytesRead(DISK_A);
    long readB = f.vm.bytesRead(DISK_B);
    BackupRecord incr = runAndVerify(f, "incremental", 2, expected);
    assertEquals(List.of(DISK_A, DISK_B), incrementals(incr));
    assertEquals(allocated(f, DISK_A), f.vm.bytesRead(DISK_A) - readA, "read what is allocated");
    assertEquals(allocated(f, DISK_B), f.vm.bytesRead(DISK_B) - readB, "read what is allocated");
    assertWroteAboutAsMuchAsChanged(f, incr, DISK_A, changedA);
    assertWroteAboutAsMuchAsChanged(f, incr, DISK_B, changedB);
    for (int key : List.of(DISK_A, DISK_B)) {
      DiskTracking tracking =
          f.ports.catalog().resultOf(incr.backupId(), key).orElseThrow().tracking();
      assertEquals(ChangeTracking.CONTENT_COMPARE, tracking.mode());
      assertTrue(
          tracking.reason().startsWith("changed areas unavailable: change tracking was reset"),
          tracking.reason());
    }

    f.change(DISK_B, 4);
    BackupRecord full = runAndVerify(f, "full", 1, expected);
    assertEquals(List.of(), incrementals(full));
    assertEquals(
        DiskTracking.full("a full backup was requested"),
        f.ports.catalog().resultOf(full.backupId(), DISK_A).orElseThrow().tracking());
    for (Map.Entry<Path, String> point : expected.entrySet()) {
      assertEquals(point.getValue(), sha256OfImage(point.getKey()), "point " + point.getKey());
    }
  }

  /** The snapshot's configuration is in the catalog and in the file next to the images. */
  private static void assertConfigurationRecorded(BackupFixture f, BackupRecord backup)
      throws Exception {
    VmConfiguration recorded = f.ports.catalog().configurationOf(backup.backupId());
    assertEquals(List.of(DISK_A, DISK_B), recorded.disks().stream().map(d -> d.key()).toList());
    String file = f.ports.catalog().configurationFileOf(backup.backupId());
    assertEquals(
        f.image(backup, DISK_A)
            .getFileName()
            .toString()
            .replace("-disk" + DISK_A + ".qcow2", ".vm.json"),
        Path.of(file).getFileName().toString());
    assertEquals(recorded, PointFiles.read(f.repository.resolve(file)));
  }

  private static long allocated(BackupFixture f, int key) {
    return Extents.bytes(FileSourceSession.allocated(f.vm.raw(key)));
  }

  /** Runs a job, checks it against the source's current state; records each point's hash. */
  private BackupRecord runAndVerify(
      BackupFixture f, String type, int chainLength, Map<Path, String> expected) throws Exception {
    int snapshotsBefore = f.vm.snapshotsCreated();
    String hashA = sha256(f.vm.raw(DISK_A));
    String hashB = sha256(f.vm.raw(DISK_B));
    long execution = f.start(type);
    assertEquals(BatchStatus.COMPLETED, f.await(execution));
    BackupRecord backup = f.backupOf(execution);
    assertEquals(BackupStatus.COMPLETE, f.ports.catalog().backup(backup.backupId()).status());
    assertEquals(snapshotsBefore + 1, f.vm.snapshotsCreated());
    assertEquals(FOREIGN, f.snapshotNames());
    verifyPoint(f, backup, DISK_A, hashA, chainLength, expected);
    verifyPoint(f, backup, DISK_B, hashB, chainLength, expected);
    assertPhases(f, execution);
    assertConfigurationRecorded(f, backup);
    return backup;
  }

  private void verifyPoint(
      BackupFixture f,
      BackupRecord backup,
      int key,
      String hash,
      int chainLength,
      Map<Path, String> expected)
      throws Exception {
    Path image = f.image(backup, key);
    assertEquals(hash, sha256OfImage(image), "content of " + image);
    try (Qcow2Chain chain = Qcow2Chain.open(image)) {
      assertEquals(chainLength, chain.images().size(), "chain of " + image);
    }
    DiskResult result = f.ports.catalog().resultOf(backup.backupId(), key).orElseThrow();
    assertEquals(Files.size(image), result.bytesWritten());
    assertEquals(Files.size(image), result.image().fileSize());
    assertNull(result.image().sha256(), "the job leaves the hash to the host: " + image);
    assertEquals(
        sha256sum(image),
        ImageFacts.read(image).sha256(),
        "what the host records for " + image + " is sha256sum's hash");
    assertEquals(chainLength == 1 ? null : chain(image), result.image().backingFile());
    assertEquals(f.vm.vmId + ":" + (f.vm.snapshotsCreated() - 1), result.changeId());
    BackupFixture.qemuImg("check", "-q", image.toString());
    BackupFixture.qemuImg("compare", "-q", "-F", "raw", image.toString(), f.vm.raw(key).toString());
    expected.put(image, hash);
  }

  /** The hash as coreutils' sha256sum prints it (an oracle independent of ImageFacts). */
  private static String sha256sum(Path file) throws Exception {
    Process p = new ProcessBuilder("sha256sum", file.toString()).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertEquals(0, p.waitFor());
    return out.substring(0, 64);
  }

  /** The backing file name qemu-img reports for an image. */
  private static String chain(Path image) throws Exception {
    Process p = new ProcessBuilder("qemu-img", "info", "--output=json", image.toString()).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor());
    return out.replaceAll("(?s).*\"backing-filename\": \"([^\"]*)\".*", "$1");
  }

  private static List<Integer> incrementals(BackupRecord backup) {
    List<Integer> keys = new ArrayList<>();
    backup.disks().stream().filter(d -> d.incremental()).forEach(d -> keys.add(d.diskKey()));
    return keys;
  }

  /**
   * The incremental's own data clusters cover the changed bytes, less the one all-zero piece (a
   * zero cluster, no data), as our map and {@code qemu-img map} say. The file is larger by its
   * metadata.
   */
  private static void assertWroteAboutAsMuchAsChanged(
      BackupFixture f, BackupRecord backup, int key, List<DiskExtent> changed) throws Exception {
    long own = assertStoredAboutAsMuchAsChanged(f, backup, key, changed);
    Path image = f.image(backup, key);
    assertTrue(
        Files.size(image) < own + (2 << 20),
        "image of disk " + key + " is " + Files.size(image) + " bytes for " + own + " of data");
  }

  private static long assertStoredAboutAsMuchAsChanged(
      BackupFixture f, BackupRecord backup, int key, List<DiskExtent> changed) throws Exception {
    Path image = f.image(backup, key);
    long own;
    try (Qcow2Chain chain = Qcow2Chain.open(image)) {
      own =
          chain.map().ranges().stream()
              .filter(r -> r.depth() == 0 && !r.zero())
              .mapToLong(r -> r.length())
              .sum();
    }
    long data = Extents.bytes(changed);
    assertTrue(
        own <= data && own >= data - (192 << 10),
        "disk " + key + " stored " + own + " data bytes for " + data + " changed bytes");
    long qemu = BackupFixture.qemuImgOwnData(image);
    if (qemu >= 0) {
      assertEquals(own, qemu, "qemu-img map of " + image);
    }
    return own;
  }

  private static void assertPhases(BackupFixture f, long execution) {
    List<BackupPhase> phases = new ArrayList<>();
    BackupProgress last = null;
    for (BackupProgress p : f.ports.telemetry(f.vmId)) {
      if (p.jobExecutionId() == execution) {
        if (phases.isEmpty() || phases.get(phases.size() - 1) != p.phase()) {
          phases.add(p.phase());
        }
        last = p;
      }
    }
    assertEquals(
        List.of(
            BackupPhase.PREPARE,
            BackupPhase.SNAPSHOT,
            BackupPhase.TRANSFER,
            BackupPhase.FINALIZE,
            BackupPhase.CLEANUP,
            BackupPhase.COMPLETE),
        phases);
    assertEquals(last.bytesTotal(), last.bytesDone());
  }
}
