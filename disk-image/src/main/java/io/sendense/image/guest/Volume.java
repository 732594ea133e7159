package io.sendense.image.guest;

import java.util.Objects;

/**
 * Something on a disk that may hold a file system: a partition, the whole unpartitioned disk, or a
 * logical volume.
 *
 * @param id stable id: the partition number ({@code "1"}, {@code "5"} for the first logical
 *     partition), {@code "0"} for a whole unpartitioned disk, {@code "group/name"} for a logical
 *     volume
 * @param displayName what an admin sees, e.g. {@code Partition 3 - Data (100.4 GB, NTFS)}
 * @param offset first byte on the disk, or -1 for a logical volume (not contiguous on the disk)
 * @param size length in bytes
 * @param typeName the partition type's friendly name ({@code "Logical volume"} for an LV)
 * @param device the volume's bytes
 * @param fileSystem the file system, or {@code null} when there is none to browse
 * @param status what was found
 * @param reason why there is no file system (for example {@code corrupt: ext4: ...}), {@code null}
 *     when {@link Status#READABLE}
 */
public record Volume(
    String id,
    String displayName,
    long offset,
    long size,
    String typeName,
    BlockDevice device,
    GuestFileSystem fileSystem,
    Status status,
    String reason) {
  /** What a volume holds. */
  public enum Status {
    /** A file system this reader opened. */
    READABLE,
    /** Swap space: nothing to browse. */
    SWAP,
    /** A volume manager's physical volume; its logical volumes are volumes of their own. */
    VOLUME_MANAGER,
    /** No file system recognised. */
    UNKNOWN,
    /** A recognised file system or feature this reader does not support. */
    UNSUPPORTED,
    /** A recognised file system whose structures are damaged. */
    CORRUPT
  }

  public Volume {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(status, "status");
    if ((fileSystem != null) != (status == Status.READABLE)) {
      throw new IllegalArgumentException("A volume is READABLE exactly when it has a file system");
    }
  }

  public boolean readable() {
    return fileSystem != null;
  }

  /** The file system's type, e.g. {@code ext4}, or {@code ""} when there is none. */
  public String fileSystemType() {
    return fileSystem == null ? "" : fileSystem.type();
  }

  /** The file system's label, or {@code ""}. */
  public String label() {
    return fileSystem == null ? "" : fileSystem.label();
  }
}
