package io.sendense.batch.port;

import java.time.Duration;
import java.util.Objects;

/**
 * A disk's committed transfer state, recorded after every chunk written into its image and when its
 * ranges are exhausted. It is the checkpoint a resumed or restarted job continues from (kept by the
 * application, not the batch runtime, so that a job can be resumed after a crash by any runtime),
 * and tells finalize which snapshot the image matches.
 *
 * @param diskKey the disk
 * @param committedOffset disk offset below which every range to transfer is in the image
 * @param done whether all ranges are in the image
 * @param snapshotId the source snapshot the committed data was read from
 * @param changeId that snapshot's change id for the disk, or null without change tracking
 * @param bytesRead bytes read from the source, over all executions
 * @param duration time spent transferring, over all executions
 * @param tracking how the disk's changes are found
 */
public record DiskTransfer(
    int diskKey,
    long committedOffset,
    boolean done,
    String snapshotId,
    String changeId,
    long bytesRead,
    Duration duration,
    DiskTracking tracking) {

  public DiskTransfer {
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(tracking, "tracking");
    if (committedOffset < 0) {
      throw new IllegalArgumentException("negative committed offset: " + committedOffset);
    }
  }
}
