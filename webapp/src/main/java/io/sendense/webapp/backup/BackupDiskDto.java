package io.sendense.webapp.backup;

/**
 * One disk image of a restore point: its file in the repository, its chain link, and how its data
 * was found ({@code CBT}, {@code CONTENT_COMPARE}, {@code NONE_FULL}) with the reason.
 */
public record BackupDiskDto(
    int index,
    int diskKey,
    String label,
    String fileName,
    Long parentBackupId,
    String parentFileName,
    String changeId,
    long capacityBytes,
    long bytesRead,
    long bytesWritten,
    String status,
    String changeTracking,
    String changeTrackingReason) {}
