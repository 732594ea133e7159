package io.sendense.batch.restore;

import io.sendense.plugin.api.source.DiskContent;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.RestoreCheck;
import io.sendense.plugin.api.source.RestoredVm;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.TransferProgress;
import io.sendense.plugin.api.source.VmInfo;
import io.sendense.plugin.api.source.VmPlacement;
import io.sendense.plugin.api.source.VmRestore;
import io.sendense.plugin.api.source.VmRestoreSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * TEST FAKE of a hypervisor that restores VMs into a folder: each VM is a sub-folder with one raw
 * file per disk, written in 1 MiB pieces from the content like a datastore upload (zeros for holes,
 * never read). It can run out of space, fail an upload after some bytes, and go slowly.
 */
final class FileRestoreTarget implements VmRestore {
  private static final int PIECE = 1 << 20;

  /** A VM the fake holds. */
  static final class Vm {
    final String id;
    volatile String name;
    final VmRestoreSpec spec;
    volatile VmInfo.PowerState state = VmInfo.PowerState.POWERED_OFF;
    final Path folder;

    Vm(String id, VmRestoreSpec spec, Path folder) {
      this.id = id;
      this.name = spec == null ? folder.getFileName().toString() : spec.name();
      this.spec = spec;
      this.folder = folder;
    }
  }

  private final Path root;
  private final Map<String, Vm> vms = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  final List<Integer> uploads = new CopyOnWriteArrayList<>();
  volatile long freeBytes = 1L << 40;
  volatile long failAfterBytes = -1;
  volatile int msPerMiB;

  FileRestoreTarget(Path root) {
    this.root = root;
  }

  /** An existing VM, as if made outside Sendense (no restore tag). */
  Vm addForeignVm(String name, VmInfo.PowerState state) throws IOException {
    Vm vm =
        new Vm("vm-" + ids.incrementAndGet(), null, Files.createDirectories(root.resolve(name)));
    vm.name = name;
    vm.state = state;
    vms.put(vm.id, vm);
    return vm;
  }

  Optional<Vm> named(String name) {
    return vms.values().stream().filter(v -> v.name.equals(name)).findFirst();
  }

  List<Vm> vms() {
    return List.copyOf(vms.values());
  }

  @Override
  public RestoreCheck check(VmRestoreSpec spec) throws SourceException {
    if (named(spec.name()).isPresent()) {
      throw new SourceException(SourceProblem.ALREADY_EXISTS, "VM " + spec.name() + " exists");
    }
    long required = spec.configuration().diskBytes();
    if (required > freeBytes) {
      throw new SourceException(
          SourceProblem.NO_SPACE,
          "Datastore ds1 has "
              + freeBytes
              + " bytes free, but VM "
              + spec.name()
              + " needs "
              + required);
    }
    return new RestoreCheck(spec.placement(), Map.of(), required, freeBytes);
  }

  @Override
  public RestoredVm create(VmRestoreSpec spec) throws SourceException {
    check(spec);
    try {
      Vm vm =
          new Vm(
              "vm-" + ids.incrementAndGet(),
              spec,
              Files.createDirectories(root.resolve(spec.name())));
      List<RestoredVm.Disk> disks = new ArrayList<>();
      for (var d : spec.configuration().disks()) {
        Path file = vm.folder.resolve(d.key() + ".raw");
        Files.createFile(file);
        disks.add(new RestoredVm.Disk(d.key(), d.capacityBytes(), file.toString()));
      }
      vms.put(vm.id, vm);
      return new RestoredVm(vm.id, spec.name(), disks);
    } catch (IOException e) {
      throw new SourceException(SourceProblem.OTHER, "create failed", e);
    }
  }

  @Override
  public void uploadDisk(RestoredVm vm, int diskKey, DiskContent content, TransferProgress progress)
      throws SourceException {
    uploads.add(diskKey);
    Path file = Path.of(vm.disk(diskKey).location());
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      List<DiskExtent> extents = content.dataExtents();
      ByteBuffer buffer = ByteBuffer.allocate(PIECE);
      for (long at = 0; at < content.size(); at += PIECE) {
        if (progress.cancelled()) {
          throw new SourceException(SourceProblem.OTHER, "upload of " + diskKey + " cancelled");
        }
        int n = (int) Math.min(PIECE, content.size() - at);
        buffer.clear().limit(n);
        fill(content, extents, at, buffer);
        buffer.flip();
        out.write(buffer, at);
        pace(n, diskKey);
        progress.transferred(n);
      }
    } catch (IOException e) {
      throw new SourceException(
          SourceProblem.CONNECTION_LOST, "upload failed: " + e.getMessage(), e);
    }
  }

  private final AtomicLong written = new AtomicLong();

  private void pace(int n, int diskKey) throws SourceException {
    long total = written.addAndGet(n);
    if (failAfterBytes >= 0 && total > failAfterBytes) {
      throw new SourceException(
          SourceProblem.CONNECTION_LOST,
          "the datastore went away while disk " + diskKey + " was written");
    }
    if (msPerMiB > 0) {
      try {
        Thread.sleep((long) msPerMiB * n / (1 << 20));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Reads only where the extents say data may be; zeros elsewhere. */
  private static void fill(DiskContent content, List<DiskExtent> extents, long at, ByteBuffer dst)
      throws IOException {
    long end = at + dst.remaining();
    byte[] zeros = new byte[dst.remaining()];
    dst.duplicate().put(zeros);
    for (DiskExtent e : extents) {
      long from = Math.max(at, e.offset());
      long to = Math.min(end, e.end());
      if (from < to) {
        ByteBuffer part = dst.duplicate();
        part.position((int) (from - at)).limit((int) (to - at));
        content.read(part, from);
      }
    }
    dst.position(dst.limit());
  }

  @Override
  public void powerOn(String vmId) throws SourceException {
    vm(vmId).state = VmInfo.PowerState.POWERED_ON;
  }

  @Override
  public VmInfo.PowerState powerState(String vmId) throws SourceException {
    return vm(vmId).state;
  }

  @Override
  public void rename(String vmId, String newName) throws SourceException {
    vm(vmId).name = newName;
  }

  @Override
  public void delete(String vmId) throws SourceException {
    Vm vm = vms.remove(vmId);
    if (vm == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(vm.folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new SourceException(SourceProblem.OTHER, "delete failed", e);
    }
  }

  @Override
  public boolean deleteTagged(VmPlacement placement, String name, String restoreTag)
      throws SourceException {
    Optional<Vm> vm =
        named(name).filter(v -> v.spec != null && v.spec.restoreTag().equals(restoreTag));
    if (vm.isEmpty()) {
      return false;
    }
    delete(vm.get().id);
    return true;
  }

  private Vm vm(String id) throws SourceException {
    Vm vm = vms.get(id);
    if (vm == null) {
      throw new SourceException(SourceProblem.NOT_FOUND, "no VM " + id);
    }
    return vm;
  }
}
