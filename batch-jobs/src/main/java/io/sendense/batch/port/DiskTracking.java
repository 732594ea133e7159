package io.sendense.batch.port;

import java.util.Objects;

/**
 * How one disk's data was found, and why when it was not by changed block tracking.
 *
 * @param mode the way
 * @param reason why changed areas were not used ("changed areas unavailable: ...; content compare",
 *     "no complete backup of this disk in the repository yet"), or null for {@link
 *     ChangeTracking#CBT}
 */
public record DiskTracking(ChangeTracking mode, String reason) {

  public DiskTracking {
    Objects.requireNonNull(mode, "mode");
    if ((mode == ChangeTracking.CBT) != (reason == null)) {
      throw new IllegalArgumentException("A reason is given exactly when " + mode + " is not CBT");
    }
  }

  public static DiskTracking cbt() {
    return new DiskTracking(ChangeTracking.CBT, null);
  }

  public static DiskTracking contentCompare(String reason) {
    return new DiskTracking(ChangeTracking.CONTENT_COMPARE, reason);
  }

  public static DiskTracking full(String reason) {
    return new DiskTracking(ChangeTracking.NONE_FULL, reason);
  }
}
