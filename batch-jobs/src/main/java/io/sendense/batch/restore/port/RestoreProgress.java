package io.sendense.batch.restore.port;

/**
 * Progress of a VM restore at one moment.
 *
 * @param restoreId the restore
 * @param phase where it is
 * @param bytesDone bytes of disk data written to the new VM (zeros included)
 * @param bytesTotal bytes of all its disks
 * @param rateBps bytes per second over the upload so far
 * @param etaSeconds seconds left at that rate, or null when unknown
 */
public record RestoreProgress(
    long restoreId,
    RestorePhase phase,
    long bytesDone,
    long bytesTotal,
    long rateBps,
    Long etaSeconds) {}
