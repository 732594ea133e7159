package io.sendense.image.guest.partition;

import java.util.List;

/**
 * The partitions of one disk and what was wrong with its table. A damaged table still yields the
 * partitions that could be read; each skipped entry or broken chain is one warning.
 */
public record PartitionTable(Scheme scheme, List<Partition> partitions, List<String> warnings) {
  /** How the disk is partitioned. */
  public enum Scheme {
    /** No partition table: the whole disk is one volume. */
    NONE,
    MBR,
    GPT
  }

  public PartitionTable {
    partitions = List.copyOf(partitions);
    warnings = List.copyOf(warnings);
  }
}
