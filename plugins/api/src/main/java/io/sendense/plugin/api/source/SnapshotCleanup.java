package io.sendense.plugin.api.source;

import java.util.List;

/**
 * What removing stale backup snapshots did: which ones went, and which are left over (with the
 * reason), so the job can warn the administrator instead of silently leaving delta disks growing.
 *
 * @param removed names of the snapshots removed
 * @param leftovers one sentence per snapshot that could not be removed after retries
 */
public record SnapshotCleanup(List<String> removed, List<String> leftovers) {

  public SnapshotCleanup {
    removed = List.copyOf(removed);
    leftovers = List.copyOf(leftovers);
  }

  /** Whether every stale snapshot is gone. */
  public boolean clean() {
    return leftovers.isEmpty();
  }
}
