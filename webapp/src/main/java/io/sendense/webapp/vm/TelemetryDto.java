package io.sendense.webapp.vm;

import io.sendense.persistence.backup.BackupJobPhase;
import java.time.Instant;
import java.util.List;

/**
 * Transfer of one backup over time, from {@code telemetry_snapshots}; {@code
 * /api/v1/telemetry/history/{backup_id}}.
 *
 * @param peakRateBps the highest rate seen in the samples (or the backup's own figure)
 * @param averageRateBps bytes done over the time sampled (or the backup's own figure)
 */
public record TelemetryDto(
    long backupId,
    String vmName,
    String status,
    long peakRateBps,
    long averageRateBps,
    List<Point> points) {

  /** One sample. */
  public record Point(
      Instant capturedAt, BackupJobPhase phase, long bytesDone, long bytesTotal, long rateBps) {}
}
