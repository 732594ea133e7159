package io.sendense.batch.restore;

import static io.sendense.batch.restore.RestoreFixture.DISK_A;
import static io.sendense.batch.restore.RestoreFixture.DISK_B;
import static io.sendense.batch.restore.RestoreFixture.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.batch.restore.port.RestorePhase;
import io.sendense.batch.restore.port.RestoreProgress;
import io.sendense.batch.restore.port.RestoreRequest;
import io.sendense.plugin.api.source.RestoredVm;
import io.sendense.plugin.api.source.VmInfo;
import io.sendense.plugin.api.source.VmRestoreSpec;
import jakarta.batch.runtime.BatchStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code restore-vm} job XML under JBeret SE: a 2-disk point (full + incremental QCOW2
 * chains) restored into a file target, every disk compared byte for byte with the point; refusals
 * before anything exists; failure, stop and interruption leave no half-made VM or go on with it.
 */
class RestoreVmJobIT {
  @TempDir Path tmp;

  @Test
  void aTwoDiskPointBecomesANewVmWithTheRecordedHardwareAndIdenticalDisks() throws Exception {
    RestoreFixture f = new RestoreFixture(tmp, 1);
    long id = f.request(f.newRestoreId(), "web01-restored", true, null);
    long readBefore = f.ports.bytesRead();
    assertEquals(BatchStatus.COMPLETED, RestoreFixture.await(RestoreFixture.start(id)));

    InMemoryRestoreCatalog.Entry entry = f.ports.catalog().entry(id);
    assertEquals("COMPLETED", entry.status);
    assertNull(entry.warning);
    FileRestoreTarget.Vm vm = f.target.named("web01-restored").orElseThrow();
    f.assertRestored(vm);
    assertEquals(VmInfo.PowerState.POWERED_ON, vm.state);
    VmRestoreSpec spec = vm.spec;
    assertEquals(f.configuration, spec.configuration(), "created from the recorded configuration");
    assertEquals(f.configuration.placement(), spec.placement(), "the original place by default");
    assertEquals("Lab", spec.targetNetwork("Prod"));
    assertFalse(spec.keepMacAddresses(), "a copy next to the original gets new MAC addresses");
    assertEquals("sendense-restore-" + id, spec.restoreTag());
    assertEquals(
        f.dataBytes,
        f.ports.bytesRead() - readBefore,
        "only the chains' data ranges were read, holes never");
    assertTrue(
        f.ports.catalog().request(id).disks().stream().allMatch(RestoreRequest.Disk::uploaded));

    List<RestorePhase> phases = new ArrayList<>();
    for (RestoreProgress p : entry.progress) {
      if (phases.isEmpty() || phases.get(phases.size() - 1) != p.phase()) {
        phases.add(p.phase());
      }
    }
    assertEquals(
        List.of(
            RestorePhase.PREPARE,
            RestorePhase.CREATE,
            RestorePhase.UPLOAD,
            RestorePhase.FINISH,
            RestorePhase.COMPLETE),
        phases);
    RestoreProgress last = entry.progress.get(entry.progress.size() - 1);
    assertEquals(64L * MIB, last.bytesDone());
    assertEquals(64L * MIB, last.bytesTotal());
  }

  @Test
  void aTargetWithoutRoomIsRefusedBeforeAnythingIsCreated() throws Exception {
    RestoreFixture f = new RestoreFixture(tmp, 2);
    f.target.freeBytes = 50L * MIB;
    long id = f.request(f.newRestoreId(), "too-big", false, null);
    assertEquals(BatchStatus.FAILED, RestoreFixture.await(RestoreFixture.start(id)));
    InMemoryRestoreCatalog.Entry entry = f.ports.catalog().entry(id);
    assertEquals("FAILED", entry.status);
    assertTrue(entry.error.contains("has 52428800 bytes free"), entry.error);
    assertTrue(entry.error.endsWith("Nothing was created."), entry.error);
    assertEquals(List.of(), f.target.vms());
    assertEquals(List.of(), f.target.uploads);
  }

  @Test
  void aFailedUploadDeletesTheHalfMadeVmAndARestartCompletes() throws Exception {
    RestoreFixture f = new RestoreFixture(tmp, 3);
    f.target.failAfterBytes = 30L * MIB;
    long id = f.request(f.newRestoreId(), "flaky", false, null);
    long execution = RestoreFixture.start(id);
    assertEquals(BatchStatus.FAILED, RestoreFixture.await(execution));
    InMemoryRestoreCatalog.Entry entry = f.ports.catalog().entry(id);
    assertTrue(entry.error.contains("the datastore went away"), entry.error);
    assertTrue(entry.error.contains("half-made VM flaky and its files were deleted"), entry.error);
    assertEquals(List.of(), f.target.vms(), "no VM is left");
    assertFalse(Files.exists(tmp.resolve("target/flaky")), "nor its files");
    assertNull(f.ports.catalog().request(id).createdVm());

    f.target.failAfterBytes = -1;
    long again = RestoreFixture.restart(execution, id);
    assertEquals(BatchStatus.COMPLETED, RestoreFixture.await(again));
    assertEquals("COMPLETED", entry.status);
    f.assertRestored(f.target.named("flaky").orElseThrow());
    assertEquals(1, f.target.vms().size());
  }

  @Test
  void aStoppedRestoreIsCancelledAndLeavesNothing() throws Exception {
    RestoreFixture f = new RestoreFixture(tmp, 4);
    f.target.msPerMiB = 100;
    long id = f.request(f.newRestoreId(), "stopped", false, null);
    long execution = RestoreFixture.start(id);
    awaitBytes(f, id, 8L * MIB);
    RestoreFixture.operator().stop(execution);
    BatchStatus status = RestoreFixture.await(execution);
    assertTrue(status == BatchStatus.STOPPED || status == BatchStatus.FAILED, status.name());
    InMemoryRestoreCatalog.Entry entry = f.ports.catalog().entry(id);
    assertEquals("FAILED", entry.status);
    assertTrue(entry.error.startsWith("The restore was cancelled."), entry.error);
    assertEquals(List.of(), f.target.vms());
  }

  @Test
  void anInterruptedRestoreGoesOnWithItsVmAndWritesOnlyTheMissingDisk() throws Exception {
    RestoreFixture f = new RestoreFixture(tmp, 5);
    long first = f.request(f.newRestoreId(), "whole", false, null);
    assertEquals(BatchStatus.COMPLETED, RestoreFixture.await(RestoreFixture.start(first)));
    FileRestoreTarget.Vm reference = f.target.named("whole").orElseThrow();

    // What a job killed in the middle of disk B leaves: the VM recorded with disk A written, disk
    // B's file half-written, and no listener that ran.
    long id = f.newRestoreId();
    f.request(id, "killed", false, null);
    RestoredVm vm = f.target.create(RestoreFixture.spec(f, "killed", "sendense-restore-" + id));
    Files.copy(
        reference.folder.resolve(DISK_A + ".raw"),
        Path.of(vm.disk(DISK_A).location()),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.write(Path.of(vm.disk(DISK_B).location()), new byte[3 * MIB]);
    f.ports.catalog().vmCreated(id, vm);
    f.ports.catalog().diskUploaded(id, DISK_A, 24L * MIB, 10);
    f.target.uploads.clear();

    assertEquals(BatchStatus.COMPLETED, RestoreFixture.await(RestoreFixture.start(id)));
    assertEquals(List.of(DISK_B), f.target.uploads, "disk A was not written again");
    FileRestoreTarget.Vm resumed = f.target.named("killed").orElseThrow();
    assertEquals(vm.vmId(), resumed.id, "the same VM, not a new one");
    f.assertRestored(resumed);
    RestoreProgress last =
        f.ports.catalog().entry(id).progress.get(f.ports.catalog().entry(id).progress.size() - 1);
    assertEquals(64L * MIB, last.bytesDone());
  }

  @Test
  void aVmCreatedButNeverRecordedIsReplacedByItsTag() throws Exception {
    RestoreFixture f = new RestoreFixture(tmp, 6);
    long id = f.newRestoreId();
    f.request(id, "orphan", false, null);
    f.target.create(RestoreFixture.spec(f, "orphan", "sendense-restore-" + id));
    String orphan = f.target.named("orphan").orElseThrow().id;
    assertEquals(BatchStatus.COMPLETED, RestoreFixture.await(RestoreFixture.start(id)));
    FileRestoreTarget.Vm vm = f.target.named("orphan").orElseThrow();
    assertFalse(vm.id.equals(orphan), "the unrecorded VM was deleted and made again");
    assertEquals(1, f.target.vms().size());
    f.assertRestored(vm);
  }

  @Test
  void restoringOverTheOriginalNeedsItPoweredOffAndKeepsItsNameAndMacs() throws Exception {
    RestoreFixture f = new RestoreFixture(tmp, 7);
    FileRestoreTarget.Vm original = f.target.addForeignVm("web01", VmInfo.PowerState.POWERED_ON);
    long refused = f.request(f.newRestoreId(), "web01", false, original.id);
    assertEquals(BatchStatus.FAILED, RestoreFixture.await(RestoreFixture.start(refused)));
    assertTrue(
        f.ports.catalog().entry(refused).error.contains("power it off before restoring over it"),
        f.ports.catalog().entry(refused).error);
    assertEquals(List.of(original), f.target.vms(), "the original is untouched");

    original.state = VmInfo.PowerState.POWERED_OFF;
    long id = f.request(f.newRestoreId(), "web01", false, original.id);
    assertEquals(BatchStatus.COMPLETED, RestoreFixture.await(RestoreFixture.start(id)));
    FileRestoreTarget.Vm vm = f.target.named("web01").orElseThrow();
    assertFalse(vm.id.equals(original.id), "the original was replaced");
    assertEquals(1, f.target.vms().size());
    assertTrue(vm.spec.keepMacAddresses());
    assertEquals("web01-restoring-" + id, vm.spec.name(), "built under another name first");
    f.assertRestored(vm);
  }

  private static void awaitBytes(RestoreFixture f, long id, long bytes) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (Instant.now().isBefore(deadline)) {
      List<RestoreProgress> p = f.ports.catalog().entry(id).progress;
      if (!p.isEmpty() && p.get(p.size() - 1).bytesDone() >= bytes) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("restore " + id + " did not reach " + bytes + " bytes");
  }
}
