package io.sendense.batch.port;

import java.time.Duration;
import java.util.Objects;

/**
 * The end of one disk's transfer: which snapshot the partial image now matches, and what it cost.
 *
 * @param diskKey the disk
 * @param snapshotId the source snapshot whose content the image holds
 * @param changeId that snapshot's change id for the disk, or null without change tracking
 * @param bytesRead bytes read from the source, over all executions
 * @param duration time spent transferring, over all executions
 */
public record DiskTransfer(
    int diskKey, String snapshotId, String changeId, long bytesRead, Duration duration) {

  public DiskTransfer {
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(duration, "duration");
  }
}
