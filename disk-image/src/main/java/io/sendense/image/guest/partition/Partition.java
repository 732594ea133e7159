package io.sendense.image.guest.partition;

import java.util.Objects;

/**
 * One partition of a disk.
 *
 * @param number 1-4 for MBR primaries, 5 and up for logical partitions, the entry index + 1 on GPT
 * @param offset first byte on the disk
 * @param size length in bytes
 * @param type the raw type: {@code 0x83} on MBR, the type GUID on GPT
 * @param typeName a friendly type name, e.g. {@code Linux filesystem} or {@code EFI System}
 * @param name the GPT partition name, or {@code ""}
 */
public record Partition(
    int number, long offset, long size, String type, String typeName, String name) {
  public Partition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(name, "name");
  }

  /** Whether the type marks swap space (never a file system to browse). */
  public boolean isSwap() {
    return typeName.equals(PartitionTypes.LINUX_SWAP);
  }

  /** Whether the type marks an LVM physical volume. */
  public boolean isLvm() {
    return typeName.equals(PartitionTypes.LINUX_LVM);
  }
}
