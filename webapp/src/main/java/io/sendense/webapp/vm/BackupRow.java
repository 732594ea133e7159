package io.sendense.webapp.vm;

import java.time.Instant;

/**
 * One backup in a VM's history, with how it found its data and why not by CBT.
 *
 * @param verification {@code VERIFIED}, {@code CORRUPT} or {@code MISSING} from the last
 *     verification, or null if it was never verified
 * @param immutableUntil the end of the point's immutable lock, or null
 * @param copyOf the point this one is a copy of, or null for a backup
 */
public record BackupRow(
    long id,
    String type,
    String status,
    Instant startedAt,
    Instant completedAt,
    long bytesRead,
    long bytesWritten,
    Long durationMs,
    Long avgRateBps,
    Long peakRateBps,
    String repositoryName,
    Long jobExecutionId,
    Long flowExecutionId,
    String errorMessage,
    String changeTracking,
    String changeTrackingReason,
    String verification,
    String verificationDetail,
    Instant immutableUntil,
    Long copyOf) {

  /** Whether the point is immutable at {@code now}. */
  public boolean immutableAt(Instant now) {
    return immutableUntil != null && now.isBefore(immutableUntil);
  }
}
