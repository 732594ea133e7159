package io.sendense.batch.backup;

import static io.sendense.batch.backup.BackupFixture.DISK_A;
import static io.sendense.batch.backup.BackupFixture.DISK_B;
import static io.sendense.batch.backup.BackupFixture.MIB;
import static io.sendense.batch.backup.BackupFixture.sha256;
import static io.sendense.batch.backup.BackupFixture.sha256OfImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.batch.point.PointFiles;
import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.BackupStatus;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.store.LocalImageStore;
import io.sendense.plugin.api.source.DiskExtent;
import jakarta.batch.runtime.BatchStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures of {@code backup-vm} under JBeret SE: cleanup, parents, and restart from checkpoints.
 */
class BackupVmFailureIT {
  private static final List<String> FOREIGN = List.of("before upgrade", "srep-1");
  private static final int CHUNK_ITEMS = 4;

  @TempDir Path tmp;

  @Test
  void failedBackupLeavesNoSnapshotAndIsNeverAParent() throws Exception {
    BackupFixture f = new BackupFixture(tmp, 2);
    long fullExecution = f.start("incremental");
    assertEquals(BatchStatus.COMPLETED, f.await(fullExecution));
    BackupRecord full = f.backupOf(fullExecution);

    f.change(DISK_A, 10);
    f.change(DISK_B, 10);
    f.vm.failRead(DISK_A, 2);
    long failedExecution = f.start("incremental");
    assertEquals(BatchStatus.FAILED, f.await(failedExecution));
    BackupRecord failed = f.ports.catalog().backup(f.backupOf(failedExecution).backupId());
    assertEquals(BackupStatus.FAILED, failed.status());
    assertTrue(f.ports.catalog().failure(failed.backupId()).contains("injected failure"));
    assertEquals(2, f.vm.snapshotsCreated());
    assertEquals(FOREIGN, f.snapshotNames());
    for (int key : List.of(DISK_A, DISK_B)) {
      assertFalse(Files.exists(f.image(failed, key)), "failed point committed for disk " + key);
      assertTrue(Files.exists(Qcow2Writer.partialPath(f.image(failed, key))), "kept for restart");
    }

    String config =
        PointFiles.configFile(failed.disks().stream().map(PlannedDisk::fileName).toList());
    assertTrue(Files.exists(f.repository.resolve(config)), "the VM configuration was recorded");
    List<String> deleted = FailedBackupFiles.delete(new LocalImageStore(f.repository), failed);
    assertEquals(3, deleted.size(), deleted.toString());
    assertTrue(deleted.contains(config), deleted.toString());
    assertFalse(Files.exists(f.repository.resolve(config)));
    assertFalse(Files.exists(Qcow2Writer.partialPath(f.image(failed, DISK_A))));

    f.change(DISK_A, 5);
    String hashA = sha256(f.vm.raw(DISK_A));
    long next = f.start("incremental");
    assertEquals(BatchStatus.COMPLETED, f.await(next));
    BackupRecord incr = f.backupOf(next);
    assertEquals(full.disk(DISK_A).fileName(), incr.disk(DISK_A).parent().fileName());
    assertEquals(full.disk(DISK_B).fileName(), incr.disk(DISK_B).parent().fileName());
    try (Qcow2Chain chain = Qcow2Chain.open(f.image(incr, DISK_A))) {
      assertEquals(List.of(f.image(incr, DISK_A), f.image(full, DISK_A)), chain.images());
    }
    assertEquals(hashA, sha256OfImage(f.image(incr, DISK_A)));
    assertEquals(sha256(f.vm.raw(DISK_B)), sha256OfImage(f.image(incr, DISK_B)));
    assertEquals(3, f.vm.snapshotsCreated());
    assertEquals(FOREIGN, f.snapshotNames());
  }

  /**
   * A step that fails where no artifact notes it (here the partition mapper, on a bad job
   * parameter) still says why: the backup's failure and the exit status name the step and the error
   * instead of only "job ended with status FAILED".
   */
  @Test
  void aFailureNoArtifactNotesIsNamedByItsStep() throws Exception {
    BackupFixture f = new BackupFixture(tmp, 9);
    Properties params = Jobs.params(f.vmId, f.repositoryId, "incremental");
    params.setProperty("threads", "two");
    long execution = Jobs.start(params);
    assertEquals(BatchStatus.FAILED, f.await(execution));
    String reason = "step transfer: For input string: \"two\"";
    assertEquals(reason, f.ports.catalog().failure(f.backupOf(execution).backupId()));
    assertEquals(reason, Jobs.operator().getJobExecution(execution).getExitStatus());
    assertEquals(FOREIGN, f.snapshotNames());
  }

  @Test
  void restartContinuesFromTheLastCommittedChunk() throws Exception {
    BackupFixture f = new BackupFixture(tmp, 3);
    long allocatedA = Extents.bytes(FileSourceSession.allocated(f.vm.raw(DISK_A)));
    List<DiskExtent> rangesB = FileSourceSession.allocated(f.vm.raw(DISK_B));
    List<DiskExtent> twoChunks = chunks(rangesB, 2);
    f.vm.failRead(DISK_B, twoChunks.size() + 1);
    long first = f.start("full");
    assertEquals(BatchStatus.FAILED, f.await(first));
    long committedB = Extents.bytes(twoChunks);
    assertEquals(committedB, f.vm.bytesRead(DISK_B));
    assertEquals(FOREIGN, f.snapshotNames());
    long readA = f.vm.bytesRead(DISK_A);
    int readsOfB = f.vm.reads(DISK_B).size();
    DiskExtent lastCommitted = twoChunks.get(twoChunks.size() - 1);
    long committedEnd = lastCommitted.offset() + lastCommitted.length();

    long second = Jobs.restart(first, Jobs.params(f.vmId, f.repositoryId, "full"));
    assertEquals(BatchStatus.COMPLETED, f.await(second));
    List<DiskExtent> rereadB = f.vm.reads(DISK_B).subList(readsOfB, f.vm.reads(DISK_B).size());
    for (DiskExtent r : rereadB) {
      assertTrue(r.offset() >= committedEnd, "the restart read committed bytes again: " + r);
    }
    assertEquals(Extents.bytes(rangesB) - committedB, Extents.bytes(rereadB));
    long totalA = f.vm.bytesRead(DISK_A);
    assertTrue(
        totalA >= allocatedA && totalA <= allocatedA + (long) CHUNK_ITEMS * MIB,
        "disk A read " + totalA + " bytes for " + allocatedA + " allocated (" + readA + " first)");
    BackupRecord backup = f.backupOf(second);
    assertEquals(f.backupOf(first).backupId(), backup.backupId());
    assertEquals(BackupStatus.COMPLETE, f.ports.catalog().backup(backup.backupId()).status());
    verifyMatchesSource(f, backup);
    assertEquals(2, f.vm.snapshotsCreated());
    assertEquals(FOREIGN, f.snapshotNames());
  }

  @Test
  void aNewJobInstanceResumesTheBackupFromEachDisksCommittedOffset() throws Exception {
    BackupFixture f = new BackupFixture(tmp, 7);
    List<DiskExtent> rangesB = FileSourceSession.allocated(f.vm.raw(DISK_B));
    List<DiskExtent> twoChunks = chunks(rangesB, 2);
    f.vm.failRead(DISK_B, twoChunks.size() + 1);
    long first = f.start("full");
    assertEquals(BatchStatus.FAILED, f.await(first));
    BackupRecord interrupted = f.backupOf(first);
    long committedB = Extents.bytes(twoChunks);
    f.change(DISK_A, 6);

    Properties resume = Jobs.params(f.vmId, f.repositoryId, "full");
    resume.setProperty("resumeBackupId", Long.toString(interrupted.backupId()));
    long second = Jobs.start(resume);
    assertEquals(BatchStatus.COMPLETED, f.await(second));
    assertNotEquals(
        Jobs.operator().getJobInstance(first).getInstanceId(),
        Jobs.operator().getJobInstance(second).getInstanceId());
    assertEquals(interrupted.backupId(), f.backupOf(second).backupId(), "the same backup");
    assertEquals(Extents.bytes(rangesB), f.vm.bytesRead(DISK_B), "nothing committed read again");
    assertTrue(committedB > 0);
    verifyMatchesSource(f, f.backupOf(second));
    assertEquals(FOREIGN, f.snapshotNames());
  }

  @Test
  void resumeWhosePartialImageIsGoneFailsAndSaysToAbandon() throws Exception {
    BackupFixture f = new BackupFixture(tmp, 8);
    f.vm.failRead(DISK_B, chunks(FileSourceSession.allocated(f.vm.raw(DISK_B)), 1).size() + 1);
    long first = f.start("full");
    assertEquals(BatchStatus.FAILED, f.await(first));
    BackupRecord interrupted = f.backupOf(first);
    Files.delete(Qcow2Writer.partialPath(f.image(interrupted, DISK_B)));

    Properties resume = Jobs.params(f.vmId, f.repositoryId, "full");
    resume.setProperty("resumeBackupId", Long.toString(interrupted.backupId()));
    long second = Jobs.start(resume);
    assertEquals(BatchStatus.FAILED, f.await(second));
    String reason = f.ports.catalog().failure(interrupted.backupId());
    assertTrue(reason.contains("is gone; abandon this job"), reason);
    assertEquals(BackupStatus.FAILED, f.ports.catalog().backup(interrupted.backupId()).status());
    assertEquals(FOREIGN, f.snapshotNames());
  }

  @Test
  void restartAfterTheSourceChangedMatchesTheNewSnapshot() throws Exception {
    BackupFixture f = new BackupFixture(tmp, 4);
    f.vm.failRead(DISK_B, CHUNK_ITEMS + 1);
    long first = f.start("full");
    assertEquals(BatchStatus.FAILED, f.await(first));
    f.change(DISK_A, 12);
    f.change(DISK_B, 30);

    long second = Jobs.restart(first, Jobs.params(f.vmId, f.repositoryId, "full"));
    assertEquals(BatchStatus.COMPLETED, f.await(second));
    verifyMatchesSource(f, f.backupOf(second));
    BackupRecord backup = f.backupOf(second);
    String changeId = f.vm.vmId + ":1";
    assertEquals(changeId, f.ports.catalog().resultOf(backup.backupId(), DISK_A).get().changeId());
    assertEquals(changeId, f.ports.catalog().resultOf(backup.backupId(), DISK_B).get().changeId());
    assertEquals(FOREIGN, f.snapshotNames());
  }

  @Test
  void stoppedJobIsMarkedFailedAndRestartsToCompletion() throws Exception {
    BackupFixture f = new BackupFixture(tmp, 5);
    FileVm.Pause pause = f.vm.pauseRead(DISK_B, CHUNK_ITEMS + 2);
    long first = f.start("full");
    assertTrue(pause.reached().await(1, TimeUnit.MINUTES), "transfer never reached the pause");
    Jobs.operator().stop(first);
    pause.release().countDown();
    assertEquals(BatchStatus.STOPPED, f.await(first));
    BackupRecord stopped = f.ports.catalog().backup(f.backupOf(first).backupId());
    assertEquals(BackupStatus.FAILED, stopped.status());
    assertEquals(FOREIGN, f.snapshotNames());
    assertTrue(
        f.vm.bytesRead(DISK_B) < Extents.bytes(FileSourceSession.allocated(f.vm.raw(DISK_B))));

    long second = Jobs.restart(first, Jobs.params(f.vmId, f.repositoryId, "full"));
    assertEquals(BatchStatus.COMPLETED, f.await(second));
    verifyMatchesSource(f, f.backupOf(second));
    assertEquals(FOREIGN, f.snapshotNames());
  }

  /** The pieces the first {@code n} chunks of a full read, one source read each. */
  private static List<DiskExtent> chunks(List<DiskExtent> ranges, int n) {
    BlockPacker packer = new BlockPacker(ranges, List.of(), MIB);
    List<DiskExtent> pieces = new ArrayList<>();
    for (int i = 0; i < n * CHUNK_ITEMS; i++) {
      packer.next().forEach(p -> pieces.add(p.extent()));
    }
    return pieces;
  }

  private static void verifyMatchesSource(BackupFixture f, BackupRecord backup) throws Exception {
    for (int key : List.of(DISK_A, DISK_B)) {
      Path image = f.image(backup, key);
      assertEquals(sha256(f.vm.raw(key)), sha256OfImage(image), "content of disk " + key);
      BackupFixture.qemuImg("check", "-q", image.toString());
      BackupFixture.qemuImg(
          "compare", "-q", "-F", "raw", image.toString(), f.vm.raw(key).toString());
    }
  }
}
