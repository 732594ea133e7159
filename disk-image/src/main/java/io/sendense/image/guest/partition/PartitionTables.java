package io.sendense.image.guest.partition;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.Le;
import java.io.IOException;
import java.util.List;

/** Finds a disk's partition table: GPT (behind its protective MBR), MBR, or none. */
public final class PartitionTables {
  private PartitionTables() {}

  /**
   * Reads the table of {@code disk}. A disk without one is a single partition number 0 covering the
   * whole disk.
   *
   * @throws io.sendense.image.guest.GuestFsException if a GPT is announced but neither its primary
   *     nor its backup header and entries are valid
   */
  public static PartitionTable read(BlockDevice disk) throws IOException {
    if (disk.size() >= MbrReader.SECTOR) {
      byte[] s0 = disk.readBytes(0, MbrReader.SECTOR);
      boolean signed = Le.u16(s0, 510) == 0xaa55;
      if (signed && MbrReader.isProtective(s0) || !signed && GptReader.present(disk)) {
        return GptReader.read(disk);
      }
      if (MbrReader.hasTable(s0)) {
        return MbrReader.read(disk, s0);
      }
    }
    Partition whole = new Partition(0, 0, disk.size(), "", "Whole disk", "");
    return new PartitionTable(PartitionTable.Scheme.NONE, List.of(whole), List.of());
  }
}
