package io.sendense.webapp.backup;

/** One disk image of a restore point: its file in the repository and its chain link. */
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
    String status) {}
