package io.sendense.webapp.backup;

import java.time.Instant;

/** One restore point of one VM, as lists show it. */
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
    String error) {}
