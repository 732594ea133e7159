package io.sendense.webapp.backup;

import java.time.Instant;

/**
 * One restore point of one VM, as lists show it. {@code changeTracking} is how the point found its
 * data ({@code CBT}, {@code CONTENT_COMPARE}, {@code NONE_FULL}; null while it runs or for points
 * older than this field) and {@code changeTrackingReason} why not by CBT.
 *
 * @param locked whether it is kept whatever the retention rules say
 * @param verification what its last verification found, or null if it was never verified
 * @param immutableUntil nobody deletes or changes the point before then; null when it has no lock
 * @param fileProtection what the storage enforces on its files besides the hub: {@code
 *     IMMUTABLE_ATTRIBUTE}, {@code READ_ONLY} or {@code NONE}; null when it was never locked
 * @param copyOf the point this one is a copy of, or null for a backup
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
    VerificationDto verification,
    Instant immutableUntil,
    String fileProtection,
    Long copyOf) {}
