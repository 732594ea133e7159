package io.sendense.batch.copy;

/**
 * One copy job's parameters.
 *
 * @param jobInstanceId the batch job instance: the requested point's copy is keyed by it
 * @param sourceBackupId the point to copy
 * @param targetRepositoryId where to
 * @param ruleId the copy rule that asked for it, or null for a copy on request
 * @param mode {@code INCREMENTAL} or {@code FULL}
 */
public record CopyRequest(
    long jobInstanceId, long sourceBackupId, String targetRepositoryId, Long ruleId, String mode) {}
