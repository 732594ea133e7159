package io.sendense.webapp.restore;

/**
 * One volume of a mounted disk: a partition, the whole disk, or a logical volume.
 *
 * @param id what {@code partition=} takes, e.g. {@code "1"}, {@code "0"}, {@code "vg0/root"}
 * @param name what an admin sees, e.g. {@code Partition 1 - data (60.0 MiB, EXT4)}
 * @param fileSystem {@code ext4}, {@code ntfs}... or {@code ""} when there is none to browse
 * @param reason why it cannot be browsed ({@code null} when readable)
 */
public record PartitionDto(
    String id,
    String name,
    long sizeBytes,
    String fileSystem,
    String label,
    boolean readable,
    String reason)
    implements java.io.Serializable {}
