package io.sendense.webapp.backup;

import java.util.List;

/** A restore point with its disks. */
public record BackupDetailDto(BackupDto backup, List<BackupDiskDto> disks) {}
