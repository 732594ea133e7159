package io.sendense.image.guest.lvm;

import io.sendense.image.guest.GuestFsException;
import java.util.ArrayList;
import java.util.List;

/** Checks that an LV is linear on one PV (stripes=1 segments in order) and maps its segments. */
final class LinearSegments {
  private LinearSegments() {}

  /** Why this LV cannot be read from this PV, or {@code null} when it can. */
  static String unsupported(ConfigSection lv, String pvName, long peCount) throws GuestFsException {
    if (!(lv.values().get("status") instanceof List<?> status) || !status.contains("VISIBLE")) {
      return "not a visible volume (a sub-volume of another LV)";
    }
    long count = lv.number("segment_count");
    if (count < 1 || count > 10_000) {
      return "segment count " + count;
    }
    long next = 0;
    for (long i = 1; i <= count; i++) {
      ConfigSection seg = lv.optionalSection("segment" + i);
      if (seg == null) {
        return "segment" + i + " is missing";
      }
      Object type = seg.values().get("type");
      if (!"striped".equals(type) || !Long.valueOf(1).equals(seg.values().get("stripe_count"))) {
        return "segment type " + type + " (only linear volumes are read)";
      }
      List<?> stripes = seg.array("stripes");
      if (stripes.size() != 2 || !pvName.equals(stripes.get(0))) {
        return "lies on another physical volume " + (stripes.isEmpty() ? "" : stripes.get(0));
      }
      long start = seg.number("start_extent");
      long extents = seg.number("extent_count");
      if (!(stripes.get(1) instanceof Long pe)
          || start != next
          || extents <= 0
          || pe < 0
          || pe > peCount - extents) {
        return "segment" + i + " maps extents outside the PV or out of order";
      }
      next += extents;
    }
    return null;
  }

  static List<LinearDevice.Segment> map(ConfigSection lv, long extent, long peStart, int max)
      throws GuestFsException {
    List<LinearDevice.Segment> segments = new ArrayList<>();
    long count = lv.number("segment_count");
    for (long i = 1; i <= count && i <= max; i++) {
      ConfigSection seg = lv.section("segment" + i);
      long pe = (Long) seg.array("stripes").get(1);
      segments.add(
          new LinearDevice.Segment(
              seg.number("start_extent") * extent,
              seg.number("extent_count") * extent,
              peStart + pe * extent));
    }
    return segments;
  }
}
