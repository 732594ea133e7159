package io.sendense.webapp.backup;

/**
 * One disk image of a restore point: its file in the repository, its chain link, how its data was
 * found ({@code CBT}, {@code CONTENT_COMPARE}, {@code NONE_FULL}) with the reason, and the image's
 * recorded SHA-256 ({@code hashPending} while the hub has not recorded it yet, right after the
 * backup).
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
    String changeTrackingReason,
    String sha256,
    boolean hashPending) {}
