package io.sendense.batch.backup;

import java.io.Serializable;

/**
 * The reader's checkpoint of one disk: every range below {@code position} is committed to the
 * partial image, as read from the snapshot named here. Stored by the batch runtime at each chunk
 * commit; a restart continues from it.
 *
 * @param position disk offset below which everything on the range list is written
 * @param snapshotId the snapshot the committed data was read from
 * @param changeId that snapshot's change id for the disk, or null without change tracking
 * @param bytesRead bytes read from the source so far, over all executions
 * @param nanos time spent reading and writing so far, over all executions
 */
record ReadCheckpoint(long position, String snapshotId, String changeId, long bytesRead, long nanos)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
