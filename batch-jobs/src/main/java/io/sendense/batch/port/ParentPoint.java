package io.sendense.batch.port;

import java.util.Objects;

/**
 * A complete restore point of one disk that a new incremental builds on.
 *
 * @param backupId the backup the point belongs to
 * @param diskKey the disk
 * @param fileName the image file, relative to the repository's root
 * @param changeId the source's change id recorded with the point, or null if it had none (the
 *     incremental then compares content)
 */
public record ParentPoint(long backupId, int diskKey, String fileName, String changeId) {

  public ParentPoint {
    Objects.requireNonNull(fileName, "fileName");
  }
}
