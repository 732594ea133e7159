package io.sendense.batch.port;

import io.sendense.image.qcow2.ImageFacts;
import java.time.Duration;
import java.util.Objects;

/**
 * What a complete backup recorded for one disk.
 *
 * @param diskKey the disk
 * @param changeId the change id to start the next incremental from, or null without tracking
 * @param fileName the committed image, relative to the repository's root
 * @param parentFileName the image's backing file, or null for a full
 * @param bytesRead bytes read from the source
 * @param bytesWritten size of the committed image file
 * @param duration time spent transferring the disk, over all executions
 * @param tracking how the disk's changes were found
 * @param image the committed image's QCOW2 facts, for later verification (null when a caller does
 *     not record them); its SHA-256 is null when the host is to hash the image after the backup
 */
public record DiskResult(
    int diskKey,
    String changeId,
    String fileName,
    String parentFileName,
    long bytesRead,
    long bytesWritten,
    Duration duration,
    DiskTracking tracking,
    ImageFacts image) {

  public DiskResult {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(tracking, "tracking");
  }

  /** A result without image facts. */
  public DiskResult(
      int diskKey,
      String changeId,
      String fileName,
      String parentFileName,
      long bytesRead,
      long bytesWritten,
      Duration duration,
      DiskTracking tracking) {
    this(
        diskKey,
        changeId,
        fileName,
        parentFileName,
        bytesRead,
        bytesWritten,
        duration,
        tracking,
        null);
  }
}
