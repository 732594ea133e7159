package io.sendense.webapp.restore;

import java.time.Instant;
import java.util.List;

/** An open restore session: what it opened, until when it stays open, and its partitions. */
public record MountDto(
    String mountId,
    long backupId,
    String vmName,
    Instant pointTime,
    int diskIndex,
    Instant openedAt,
    Instant expiresAt,
    List<PartitionDto> partitions,
    List<String> warnings) {}
