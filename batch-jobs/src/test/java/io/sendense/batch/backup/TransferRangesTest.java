package io.sendense.batch.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.Snapshot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferRangesTest {
  private static final int KEY = 1;
  private static final long K64 = 64 << 10;
  private static final long SIZE = 64 * K64;

  @TempDir Path tmp;

  private static DiskExtent e(long offset, long length) {
    return new DiskExtent(offset, length);
  }

  private FileVm vmWithData() throws Exception {
    FileVm vm = new FileVm("vm-1", tmp);
    vm.addDisk(KEY, SIZE);
    vm.write(KEY, 0, filled(2 * K64));
    vm.write(KEY, 10 * K64, filled(K64));
    vm.write(KEY, 40 * K64, filled(K64));
    return vm;
  }

  private static byte[] filled(long n) {
    byte[] b = new byte[(int) n];
    java.util.Arrays.fill(b, (byte) 7);
    return b;
  }

  @Test
  void firstFullReadsTheAllocatedAreas() throws Exception {
    FileVm vm = vmWithData();
    FileSourceSession s = new FileSourceSession(vm);
    Snapshot snap = s.createSnapshot(vm.vmId, "sbak-1", false);
    List<DiskExtent> ranges = new TransferRanges(s, snap).plan(KEY, SIZE, null, null);
    assertEquals(List.of(e(0, 2 * K64), e(10 * K64, K64), e(40 * K64, K64)), ranges);
  }

  @Test
  void restartOnTheSameSnapshotSkipsWhatIsCommitted() throws Exception {
    FileVm vm = vmWithData();
    FileSourceSession s = new FileSourceSession(vm);
    Snapshot snap = s.createSnapshot(vm.vmId, "sbak-1", false);
    ReadCheckpoint at = new ReadCheckpoint(K64, snap.id(), "vm-1:0", K64, 0);
    List<DiskExtent> ranges = new TransferRanges(s, snap).plan(KEY, SIZE, null, at);
    assertEquals(List.of(e(K64, K64), e(10 * K64, K64), e(40 * K64, K64)), ranges);
  }

  @Test
  void restartOnANewSnapshotAddsWhatChangedBelowTheCheckpoint() throws Exception {
    FileVm vm = vmWithData();
    FileSourceSession s = new FileSourceSession(vm);
    Snapshot first = s.createSnapshot(vm.vmId, "sbak-1", false);
    vm.write(KEY, 5 * K64, filled(K64));
    vm.write(KEY, 50 * K64, filled(K64));
    Snapshot second = s.createSnapshot(vm.vmId, "sbak-2", false);
    ReadCheckpoint at = new ReadCheckpoint(11 * K64, first.id(), "vm-1:0", 3 * K64, 0);
    List<DiskExtent> ranges = new TransferRanges(s, second).plan(KEY, SIZE, null, at);
    assertEquals(List.of(e(5 * K64, K64), e(40 * K64, K64), e(50 * K64, K64)), ranges);
  }

  @Test
  void restartWithoutAnEarlierChangeIdRereadsEverythingBelowTheCheckpoint() throws Exception {
    FileVm vm = vmWithData();
    FileSourceSession s = new FileSourceSession(vm);
    Snapshot first = s.createSnapshot(vm.vmId, "sbak-1", false);
    Snapshot second = s.createSnapshot(vm.vmId, "sbak-2", false);
    ReadCheckpoint at = new ReadCheckpoint(11 * K64, first.id(), null, 3 * K64, 0);
    List<DiskExtent> ranges = new TransferRanges(s, second).plan(KEY, SIZE, null, at);
    assertEquals(List.of(e(0, 11 * K64), e(40 * K64, K64)), ranges);
  }

  @Test
  void unknownParentChangeIdFallsBackToTheWholeDisk() throws Exception {
    FileVm vm = vmWithData();
    FileSourceSession s = new FileSourceSession(vm);
    Snapshot snap = s.createSnapshot(vm.vmId, "sbak-1", false);
    List<DiskExtent> ranges = new TransferRanges(s, snap).plan(KEY, SIZE, "other:3", null);
    assertEquals(List.of(e(0, SIZE)), ranges);
  }
}
