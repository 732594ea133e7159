package io.sendense.batch.backup;

import io.sendense.plugin.api.source.DiskExtent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Arithmetic on sorted lists of disk extents: the transfer's range lists are built from the
 * source's changed areas, clipped at a restart position and merged with the areas that changed
 * since an earlier snapshot.
 */
final class Extents {
  private Extents() {}

  /** The whole disk as one extent (empty for size 0). */
  static List<DiskExtent> whole(long size) {
    return size == 0 ? List.of() : List.of(new DiskExtent(0, size));
  }

  /** The parts of {@code extents} inside {@code [from, to)}. */
  static List<DiskExtent> clip(List<DiskExtent> extents, long from, long to) {
    List<DiskExtent> out = new ArrayList<>();
    for (DiskExtent e : extents) {
      long start = Math.max(e.offset(), from);
      long end = Math.min(e.end(), to);
      if (start < end) {
        out.add(new DiskExtent(start, end - start));
      }
    }
    return out;
  }

  /** The parts of {@code [0, size)} that no extent of the sorted list covers. */
  static List<DiskExtent> complement(List<DiskExtent> extents, long size) {
    List<DiskExtent> out = new ArrayList<>();
    long at = 0;
    for (DiskExtent e : extents) {
      if (e.offset() > at) {
        out.add(new DiskExtent(at, Math.min(e.offset(), size) - at));
      }
      at = Math.max(at, e.end());
      if (at >= size) {
        return out;
      }
    }
    if (at < size) {
      out.add(new DiskExtent(at, size - at));
    }
    return out;
  }

  /** The sorted union of two extent lists, overlapping and touching extents merged. */
  static List<DiskExtent> union(List<DiskExtent> a, List<DiskExtent> b) {
    List<DiskExtent> all = new ArrayList<>(a);
    all.addAll(b);
    all.sort(Comparator.comparingLong(DiskExtent::offset));
    List<DiskExtent> out = new ArrayList<>();
    for (DiskExtent e : all) {
      DiskExtent last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && e.offset() <= last.end()) {
        long end = Math.max(last.end(), e.end());
        out.set(out.size() - 1, new DiskExtent(last.offset(), end - last.offset()));
      } else {
        out.add(e);
      }
    }
    return out;
  }

  /** Total bytes of the extents. */
  static long bytes(List<DiskExtent> extents) {
    return extents.stream().mapToLong(DiskExtent::length).sum();
  }
}
