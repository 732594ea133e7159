package io.sendense.webapp.lifecycle;

import io.sendense.persistence.backup.VerificationStatus;

/**
 * CDI event: verification found a restore point CORRUPT or MISSING (fired once per point and pass,
 * after its verdict is recorded).
 */
public record PointDamaged(
    long backupId, long vmId, long repositoryId, VerificationStatus status, String detail) {}
