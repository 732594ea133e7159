package io.sendense.batch.backup;

import io.sendense.plugin.api.source.ChangedAreas;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.DiskInfo;
import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.Inventory;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SnapshotCleanup;
import io.sendense.plugin.api.source.SnapshotDisk;
import io.sendense.plugin.api.source.SnapshotInfo;
import io.sendense.plugin.api.source.SnapshotNames;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmPlacement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link SourceSession} over one {@link FileVm}: local files instead of a vCenter. */
final class FileSourceSession implements SourceSession {
  private static final int ALLOCATION_UNIT = 64 << 10;
  private final FileVm vm;

  FileSourceSession(FileVm vm) {
    this.vm = vm;
  }

  @Override
  public Inventory inventory() throws SourceException {
    throw new SourceException(SourceProblem.OTHER, "no inventory in the file source");
  }

  @Override
  public List<SnapshotInfo> listSnapshots(String vmId) {
    return vm.snapshotInfos();
  }

  @Override
  public Snapshot createSnapshot(String vmId, String name, boolean quiesce) throws SourceException {
    try {
      FileVm.Frozen f = vm.freeze(name);
      List<SnapshotDisk> disks = new ArrayList<>();
      vm.disks().forEach(d -> disks.add(vm.snapshotDisk(f, d.key())));
      return new Snapshot(vmId, f.info().id(), name, disks, configuration(vmId));
    } catch (IOException e) {
      throw new SourceException(SourceProblem.OTHER, "snapshot failed", e);
    }
  }

  /** What a hypervisor would record: one SCSI controller, the disks on units 0.., one adapter. */
  private VmConfiguration configuration(String vmId) {
    List<VmConfiguration.Disk> disks = new ArrayList<>();
    for (DiskInfo d : vm.disks()) {
      disks.add(
          new VmConfiguration.Disk(
              d.key(),
              d.label(),
              1000,
              disks.size(),
              d.capacityBytes(),
              VmConfiguration.Provisioning.THIN,
              "ds1"));
    }
    return new VmConfiguration(
        vmId,
        "otherLinux64Guest",
        "",
        VmConfiguration.Firmware.BIOS,
        2,
        1,
        1024,
        "file VM",
        "vmx-13",
        List.of(
            new VmConfiguration.Controller(
                1000, VmConfiguration.ControllerType.PVSCSI, 0, "noSharing")),
        disks,
        List.of(
            new VmConfiguration.Nic(
                4000,
                "Network adapter 1",
                VmConfiguration.NicType.VMXNET3,
                "VM Network",
                "",
                true)),
        new VmPlacement("DC0", "", "", "H0", "", "ds1"));
  }

  @Override
  public void removeSnapshot(String vmId, String snapshotId) throws SourceException {
    try {
      vm.remove(snapshotId);
    } catch (IOException e) {
      throw new SourceException(SourceProblem.OTHER, "remove failed", e);
    }
  }

  @Override
  public SnapshotCleanup removeStaleBackupSnapshots(String vmId, String keepName)
      throws SourceException {
    List<String> removed = new ArrayList<>();
    for (SnapshotInfo s : vm.snapshotInfos()) {
      if (SnapshotNames.isBackupSnapshot(s.name()) && !s.name().equals(keepName)) {
        removeSnapshot(vmId, s.id());
        removed.add(s.name());
      }
    }
    return new SnapshotCleanup(removed, List.of());
  }

  @Override
  public boolean enableChangeTracking(String vmId) {
    return false;
  }

  @Override
  public ChangedAreas changedAreas(Snapshot snapshot, int diskKey, String sinceChangeId)
      throws SourceException {
    FileVm.Frozen f = frozen(snapshot);
    if ("*".equals(sinceChangeId)) {
      return ChangedAreas.of(allocated(f.copies().get(diskKey)));
    }
    String prefix = vm.vmId + ":";
    if (sinceChangeId == null || !sinceChangeId.startsWith(prefix)) {
      return ChangedAreas.unavailable("unknown change id " + sinceChangeId);
    }
    long since = Long.parseLong(sinceChangeId.substring(prefix.length()));
    if (!vm.tracks(since)) {
      return ChangedAreas.unavailable("change tracking was reset since " + sinceChangeId);
    }
    return ChangedAreas.of(vm.changedSince(diskKey, since, f.epoch()));
  }

  @Override
  public DiskReader openDiskReader(Snapshot snapshot, int diskKey) throws SourceException {
    Path copy = frozen(snapshot).copies().get(diskKey);
    try {
      FileChannel ch = FileChannel.open(copy);
      return new Reader(ch, diskKey);
    } catch (IOException e) {
      throw new SourceException(SourceProblem.NOT_FOUND, "no disk " + diskKey, e);
    }
  }

  @Override
  public void close() {}

  private FileVm.Frozen frozen(Snapshot snapshot) throws SourceException {
    FileVm.Frozen f = vm.snapshot(snapshot.id());
    if (f == null) {
      throw new SourceException(SourceProblem.NOT_FOUND, "snapshot " + snapshot.name() + " gone");
    }
    return f;
  }

  static List<DiskExtent> allocated(Path file) {
    List<DiskExtent> out = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file)) {
      ByteBuffer buf = ByteBuffer.allocate(ALLOCATION_UNIT);
      for (long at = 0; at < ch.size(); at += ALLOCATION_UNIT) {
        buf.clear();
        ch.read(buf, at);
        buf.flip();
        if (!zero(buf)) {
          out = Extents.union(out, List.of(new DiskExtent(at, buf.limit())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static boolean zero(ByteBuffer buf) {
    while (buf.remaining() >= 8) {
      if (buf.getLong() != 0) {
        return false;
      }
    }
    while (buf.hasRemaining()) {
      if (buf.get() != 0) {
        return false;
      }
    }
    return true;
  }

  /** Positional reads of a frozen copy, counted, with the injected failure. */
  private final class Reader implements DiskReader {
    private final FileChannel ch;
    private final int key;

    Reader(FileChannel ch, int key) {
      this.ch = ch;
      this.key = key;
    }

    @Override
    public long size() {
      try {
        return ch.size();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public int read(ByteBuffer dst, long position) throws SourceException {
      try {
        vm.awaitPause(key);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceException(SourceProblem.CONNECTION_LOST, "interrupted", e);
      }
      if (vm.readFails(key)) {
        throw new SourceException(
            SourceProblem.CONNECTION_LOST, "injected failure reading disk " + key);
      }
      try {
        int n = ch.read(dst, position);
        if (n > 0) {
          vm.countRead(key, position, n);
        }
        return n;
      } catch (IOException e) {
        throw new SourceException(SourceProblem.CONNECTION_LOST, "read failed", e);
      }
    }

    @Override
    public void close() throws SourceException {
      try {
        ch.close();
      } catch (IOException e) {
        throw new SourceException(SourceProblem.OTHER, "close failed", e);
      }
    }
  }
}
