package io.sendense.webapp.vm;

import java.util.List;

/**
 * A VM's backup history and key figures, for VM details.
 *
 * @param successRate percent of ended backups that completed, or -1 when none has ended
 * @param averageBytes average size written by completed backups, or null
 * @param averageDurationMs average duration of completed backups, or null
 */
public record VmDetailsDto(
    long vmId,
    String name,
    String sourceName,
    String state,
    String powerState,
    String guestOs,
    List<String> groups,
    List<String> flows,
    int totalBackups,
    int succeeded,
    int failed,
    int running,
    int successRate,
    Long averageBytes,
    Long averageDurationMs,
    List<BackupRow> history) {}
