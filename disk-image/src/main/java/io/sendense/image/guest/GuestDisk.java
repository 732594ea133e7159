package io.sendense.image.guest;

import io.sendense.image.guest.partition.Partition;
import io.sendense.image.guest.partition.PartitionTable;
import io.sendense.image.guest.partition.PartitionTables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a guest stored on one disk, read-only: its partition table, and for every partition (or
 * logical volume found on one) the file system, if any. The entry point of file-level restore.
 *
 * <p>Opening never fails because of one volume: an unknown, unsupported or damaged file system
 * becomes a {@link Volume} without a file system and with the reason. Only an unreadable disk or a
 * GPT whose primary and backup copies are both damaged fails {@link #open}.
 */
public final class GuestDisk {
  private final PartitionTable table;
  private final List<Volume> volumes;

  private GuestDisk(PartitionTable table, List<Volume> volumes) {
    this.table = table;
    this.volumes = List.copyOf(volumes);
  }

  /** Reads the partition table and probes every partition with {@link GuestFormats}. */
  public static GuestDisk open(BlockDevice disk) throws IOException {
    return open(disk, GuestFormats.volumeManagers(), GuestFormats.fileSystems());
  }

  /** Same with explicit probes (tests, or a caller that reads a subset). */
  public static GuestDisk open(
      BlockDevice disk, List<VolumeManagerProbe> managers, List<FileSystemProbe> fileSystems)
      throws IOException {
    PartitionTable table = PartitionTables.read(disk);
    VolumeProber prober = new VolumeProber(managers, fileSystems);
    List<Volume> volumes = new ArrayList<>();
    for (Partition p : table.partitions()) {
      volumes.addAll(prober.probe(p, disk.slice(p.offset(), p.size())));
    }
    return new GuestDisk(table, volumes);
  }

  public PartitionTable.Scheme scheme() {
    return table.scheme();
  }

  public List<Partition> partitions() {
    return table.partitions();
  }

  /** Partitions first, in table order, each followed by the logical volumes found on it. */
  public List<Volume> volumes() {
    return volumes;
  }

  /** What was wrong with the partition table (skipped entries, broken chains), if anything. */
  public List<String> warnings() {
    return table.warnings();
  }

  /**
   * The volume with this id.
   *
   * @throws IllegalArgumentException naming the ids that exist when there is none
   */
  public Volume volume(String id) {
    return volumes.stream()
        .filter(v -> v.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No volume '"
                        + id
                        + "' on this disk; its volumes are: "
                        + volumes.stream().map(Volume::id).collect(Collectors.joining(", "))));
  }
}
