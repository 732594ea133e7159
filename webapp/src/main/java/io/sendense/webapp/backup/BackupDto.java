package io.sendense.webapp.backup;

import java.time.Instant;

/**
 * One restore point of one VM, as lists show it. {@code changeTracking} is how the point found its
 * data ({@code CBT}, {@code CONTENT_COMPARE}, {@code NONE_FULL}; null while it runs or for points
 * older than this field) and {@code changeTrackingReason} why not by CBT.
 *
 * @param locked whether it is kept whatever the retention rules say
 * @param verification what its last verification found, or null if it was never verified
 */
public record BackupDto(
    long id,
    long vmId,
    String vmName,
    long repositoryId,
    String repositoryName,
    String type,
    String status,
    Instant startedAt,
    Instant completedAt,
    Long durationMs,
    long bytesRead,
    long bytesWritten,
    int disksCount,
    Long avgRateBps,
    Long peakRateBps,
    Long flowExecutionId,
    Long jobExecutionId,
    String error,
    String changeTracking,
    String changeTrackingReason,
    boolean locked,
    VerificationDto verification) {}
