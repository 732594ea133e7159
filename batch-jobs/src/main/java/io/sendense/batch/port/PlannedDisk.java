package io.sendense.batch.port;

import java.util.Objects;

/**
 * One disk of a backup as planned by the prepare step.
 *
 * @param diskKey the disk
 * @param label display label
 * @param capacityBytes virtual size of the image
 * @param fileName the new image, relative to the repository's root
 * @param parent the point the image builds on, or null for a full
 */
public record PlannedDisk(
    int diskKey, String label, long capacityBytes, String fileName, ParentPoint parent) {

  public PlannedDisk {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(fileName, "fileName");
  }

  /** Whether the image is an incremental on top of {@link #parent()}. */
  public boolean incremental() {
    return parent != null;
  }
}
