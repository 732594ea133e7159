package io.sendense.image.guest;

import io.sendense.image.guest.partition.Partition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what one partition holds: swap, a volume manager's logical volumes, or a file system, and
 * turns every failure of a probe into a volume status rather than an exception.
 */
final class VolumeProber {
  private static final byte[] SWAP_MAGIC = "SWAPSPACE2".getBytes(StandardCharsets.US_ASCII);

  private final List<VolumeManagerProbe> managers;
  private final List<FileSystemProbe> fileSystems;

  VolumeProber(List<VolumeManagerProbe> managers, List<FileSystemProbe> fileSystems) {
    this.managers = List.copyOf(managers);
    this.fileSystems = List.copyOf(fileSystems);
  }

  List<Volume> probe(Partition p, BlockDevice device) throws IOException {
    String id = String.valueOf(p.number());
    String prefix = p.number() == 0 ? "Disk" : "Partition " + p.number();
    String name = p.name();
    if (p.isSwap() || isSwap(device)) {
      return List.of(
          volume(
              id,
              prefix,
              name,
              p.offset(),
              p.typeName(),
              device,
              new Found(null, Volume.Status.SWAP, "swap space")));
    }
    List<String> problems = new ArrayList<>();
    for (VolumeManagerProbe manager : managers) {
      Optional<List<LogicalVolume>> lvs;
      try {
        lvs = manager.open(device);
      } catch (IOException | RuntimeException e) {
        problems.add(manager.type() + ": " + e.getMessage());
        continue;
      }
      if (lvs.isPresent()) {
        List<Volume> out = new ArrayList<>();
        out.add(
            volume(
                id,
                prefix,
                name,
                p.offset(),
                p.typeName(),
                device,
                new Found(
                    null,
                    Volume.Status.VOLUME_MANAGER,
                    manager.type()
                        + " physical volume with "
                        + lvs.get().size()
                        + " logical volumes")));
        for (LogicalVolume lv : lvs.get()) {
          String lvId = lv.group() + "/" + lv.name();
          out.add(
              volume(
                  lvId,
                  "Volume " + lvId,
                  "",
                  -1,
                  "Logical volume",
                  lv.device(),
                  fileSystem(lv.device(), new ArrayList<>(), false)));
        }
        return out;
      }
    }
    return List.of(
        volume(
            id,
            prefix,
            name,
            p.offset(),
            p.typeName(),
            device,
            fileSystem(device, problems, p.isLvm())));
  }

  private record Found(GuestFileSystem fs, Volume.Status status, String reason) {}

  private Found fileSystem(BlockDevice device, List<String> problems, boolean lvmType) {
    boolean unsupported = false;
    for (FileSystemProbe probe : fileSystems) {
      try {
        Optional<GuestFileSystem> fs = probe.open(device);
        if (fs.isPresent()) {
          return new Found(GuardedFileSystem.of(fs.get()), Volume.Status.READABLE, null);
        }
      } catch (UnsupportedContentException e) {
        unsupported = true;
        problems.add(e.getMessage());
      } catch (IOException | RuntimeException | StackOverflowError e) {
        problems.add(probe.type() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      Volume.Status status = unsupported ? Volume.Status.UNSUPPORTED : Volume.Status.CORRUPT;
      String word = unsupported ? "unsupported: " : "corrupt: ";
      return new Found(null, status, word + String.join("; ", problems));
    }
    if (lvmType) {
      return new Found(null, Volume.Status.VOLUME_MANAGER, "LVM physical volume (no reader)");
    }
    return new Found(null, Volume.Status.UNKNOWN, "unknown: no file system recognised");
  }

  private static Volume volume(
      String id,
      String prefix,
      String partName,
      long offset,
      String typeName,
      BlockDevice device,
      Found found) {
    String label =
        found.fs() != null && !found.fs().label().isBlank() ? found.fs().label() : partName;
    String display =
        VolumeNames.displayName(
            prefix, label, device.size(), VolumeNames.kind(found.status(), found.fs()));
    return new Volume(
        id,
        display,
        offset,
        device.size(),
        typeName,
        device,
        found.fs(),
        found.status(),
        found.reason());
  }

  private static boolean isSwap(BlockDevice device) throws IOException {
    for (int page : new int[] {4096, 8192, 16384, 65536}) {
      if (device.size() >= page) {
        byte[] magic = device.readBytes(page - SWAP_MAGIC.length, SWAP_MAGIC.length);
        if (java.util.Arrays.equals(magic, SWAP_MAGIC)) {
          return true;
        }
      }
    }
    return false;
  }
}
