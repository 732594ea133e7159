package io.sendense.plugin.api.source;

import java.util.List;
import java.util.Objects;

/**
 * The answer to "which parts of this disk must be read": either the exact extents (sorted, not
 * overlapping) or the reason they are unknown, in which case the caller reads the whole disk and
 * compares content.
 *
 * @param available whether {@link #extents()} is exact
 * @param extents the areas to read, sorted by offset and not overlapping; empty if unavailable
 * @param fallbackReason why the extents are unknown (CBT off, change id reset, not supported), or
 *     {@code null} when available
 */
public record ChangedAreas(boolean available, List<DiskExtent> extents, String fallbackReason) {

  public ChangedAreas {
    extents = List.copyOf(extents);
    if (available == (fallbackReason != null)) {
      throw new IllegalArgumentException("A reason is given exactly when areas are unavailable");
    }
    for (int i = 1; i < extents.size(); i++) {
      if (extents.get(i).offset() < extents.get(i - 1).end()) {
        throw new IllegalArgumentException("Extents overlap or are unsorted at index " + i);
      }
    }
  }

  /** Exact areas. */
  public static ChangedAreas of(List<DiskExtent> extents) {
    return new ChangedAreas(true, extents, null);
  }

  /** Areas unknown: the caller must read the whole disk. */
  public static ChangedAreas unavailable(String reason) {
    return new ChangedAreas(false, List.of(), Objects.requireNonNull(reason, "reason"));
  }

  /** Total bytes covered by the extents. */
  public long totalBytes() {
    return extents.stream().mapToLong(DiskExtent::length).sum();
  }
}
