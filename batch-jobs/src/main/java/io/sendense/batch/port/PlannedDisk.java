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
 * @param fullReason why the disk gets a full image, or null for an incremental
 */
public record PlannedDisk(
    int diskKey,
    String label,
    long capacityBytes,
    String fileName,
    ParentPoint parent,
    String fullReason) {

  public PlannedDisk {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(fileName, "fileName");
    if (parent != null && fullReason != null) {
      throw new IllegalArgumentException("An incremental of " + label + " has no full reason");
    }
  }

  /** An incremental on {@code parent}. */
  public static PlannedDisk incremental(
      int diskKey, String label, long capacityBytes, String fileName, ParentPoint parent) {
    return new PlannedDisk(
        diskKey, label, capacityBytes, fileName, Objects.requireNonNull(parent, "parent"), null);
  }

  /** A full image, for the reason given. */
  public static PlannedDisk full(
      int diskKey, String label, long capacityBytes, String fileName, String reason) {
    return new PlannedDisk(
        diskKey, label, capacityBytes, fileName, null, Objects.requireNonNull(reason, "reason"));
  }

  /** Whether the image is an incremental on top of {@link #parent()}. */
  public boolean incremental() {
    return parent != null;
  }
}
