package io.sendense.batch.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.batch.port.ChangeTracking;
import io.sendense.batch.port.DiskTracking;
import io.sendense.batch.port.DiskTransfer;
import io.sendense.batch.port.ParentPoint;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.Snapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferRangesTest {
  private static final int KEY = 1;
  private static final long K64 = 64 << 10;
  private static final long SIZE = 64 * K64;
  private static final PlannedDisk FULL = PlannedDisk.full(KEY, "d", SIZE, "f.qcow2", "first");
  private static final List<DiskExtent> DATA =
      List.of(e(0, 2 * K64), e(10 * K64, K64), e(40 * K64, K64));

  @TempDir Path tmp;

  private static DiskExtent e(long offset, long length) {
    return new DiskExtent(offset, length);
  }

  private FileVm vmWithData() throws Exception {
    FileVm vm = new FileVm("vm-1", tmp);
    vm.addDisk(KEY, SIZE);
    for (DiskExtent d : DATA) {
      vm.write(KEY, d.offset(), filled(d.length()));
    }
    return vm;
  }

  private static byte[] filled(long n) {
    byte[] b = new byte[(int) n];
    java.util.Arrays.fill(b, (byte) 7);
    return b;
  }

  private static PlannedDisk incremental(String parentChangeId) {
    return PlannedDisk.incremental(
        KEY, "d", SIZE, "i.qcow2", new ParentPoint(1, KEY, "f.qcow2", parentChangeId));
  }

  private static DiskTransfer at(long offset, Snapshot snap, String changeId, DiskTracking t) {
    return new DiskTransfer(KEY, offset, false, snap.id(), changeId, offset, Duration.ZERO, t);
  }

  @Test
  void firstFullReadsTheAllocatedAreas() throws Exception {
    FileVm vm = vmWithData();
    FileSourceSession s = new FileSourceSession(vm);
    Snapshot snap = s.createSnapshot(vm.vmId, "sbak-1", false);
    TransferPlan plan = new TransferRanges(s, snap).plan(FULL, null);
    assertEquals(DATA, plan.read());
    assertEquals(List.of(), plan.zero());
    assertFalse(plan.compare());
    assertEquals(DiskTracking.full("first"), plan.tracking());
  }

  @Test
  void incrementalReadsWhatChangedSinceTheParent() throws Exception {
    FileVm vm = vmWithData();
    FileSourceSession s = new FileSourceSession(vm);
    s.createSnapshot(vm.vmId, "sbak-1", false);
    vm.write(KEY, 7 * K64, filled(K64));
    Snapshot second = s.createSnapshot(vm.vmId, "sbak-2", false);
    TransferPlan plan = new TransferRanges(s, second).plan(incremental("vm-1:0"), null);
    assertEquals(List.of(e(7 * K64, K64)), plan.read());
    assertFalse(plan.compare());
    assertEquals(DiskTracking.cbt(), plan.tracking());
  }

  @Test
  void restartOnTheSameSnapshotSkipsWhatIsCommitted() throws Exception {
    FileVm vm = vmWithData();
    FileSourceSession s = new FileSourceSession(vm);
    Snapshot snap = s.createSnapshot(vm.vmId, "sbak-1", false);
    TransferPlan plan =
        new TransferRanges(s, snap).plan(FULL, at(K64, snap, "vm-1:0", DiskTracking.full("x")));
    assertEquals(List.of(e(K64, K64), e(10 * K64, K64), e(40 * K64, K64)), plan.read());
  }

  @Test
  void restartOnANewSnapshotAddsWhatChangedBelowTheCommittedOffset() throws Exception {
    FileVm vm = vmWithData();
    FileSourceSession s = new FileSourceSession(vm);
    Snapshot first = s.createSnapshot(vm.vmId, "sbak-1", false);
    vm.write(KEY, 5 * K64, filled(K64));
    vm.write(KEY, 50 * K64, filled(K64));
    Snapshot second = s.createSnapshot(vm.vmId, "sbak-2", false);
    TransferPlan plan =
        new TransferRanges(s, second)
            .plan(FULL, at(11 * K64, first, "vm-1:0", DiskTracking.full("x")));
    assertEquals(List.of(e(5 * K64, K64), e(40 * K64, K64), e(50 * K64, K64)), plan.read());
    assertFalse(plan.compare());
  }

  @Test
  void restartWithoutAnEarlierChangeIdComparesEverythingBelowTheCommittedOffset() throws Exception {
    FileVm vm = vmWithData();
    FileSourceSession s = new FileSourceSession(vm);
    Snapshot first = s.createSnapshot(vm.vmId, "sbak-1", false);
    Snapshot second = s.createSnapshot(vm.vmId, "sbak-2", false);
    TransferPlan plan =
        new TransferRanges(s, second).plan(FULL, at(11 * K64, first, null, DiskTracking.full("x")));
    assertEquals(DATA, plan.read());
    assertEquals(List.of(e(2 * K64, 8 * K64)), plan.zero(), "holes below the offset are zeroed");
    assertTrue(plan.compare());
  }

  @Test
  void unknownParentChangeIdComparesContentOverTheAllocatedAreas() throws Exception {
    FileVm vm = vmWithData();
    FileSourceSession s = new FileSourceSession(vm);
    Snapshot snap = s.createSnapshot(vm.vmId, "sbak-1", false);
    TransferPlan plan = new TransferRanges(s, snap).plan(incremental("other:3"), null);
    assertEquals(DATA, plan.read());
    assertEquals(
        List.of(e(2 * K64, 8 * K64), e(11 * K64, 29 * K64), e(41 * K64, 23 * K64)), plan.zero());
    assertTrue(plan.compare());
    assertEquals(ChangeTracking.CONTENT_COMPARE, plan.tracking().mode());
    assertEquals(
        "changed areas unavailable: unknown change id other:3; content compare",
        plan.tracking().reason());
  }

  @Test
  void parentWithoutAChangeIdComparesContent() throws Exception {
    FileVm vm = vmWithData();
    FileSourceSession s = new FileSourceSession(vm);
    Snapshot snap = s.createSnapshot(vm.vmId, "sbak-1", false);
    TransferPlan plan = new TransferRanges(s, snap).plan(incremental(null), null);
    assertTrue(plan.compare());
    assertEquals(
        DiskTracking.contentCompare(
            "changed areas unavailable: the parent point has no change id; content compare"),
        plan.tracking());
  }

  @Test
  void contentCompareStaysTheDisksTrackingAfterARestartWithChangedAreas() throws Exception {
    FileVm vm = vmWithData();
    FileSourceSession s = new FileSourceSession(vm);
    Snapshot first = s.createSnapshot(vm.vmId, "sbak-1", false);
    Snapshot second = s.createSnapshot(vm.vmId, "sbak-2", false);
    DiskTracking compared = DiskTracking.contentCompare("reset; content compare");
    TransferPlan plan =
        new TransferRanges(s, second)
            .plan(incremental("vm-1:0"), at(K64, first, "vm-1:0", compared));
    assertEquals(compared, plan.tracking());
  }
}
