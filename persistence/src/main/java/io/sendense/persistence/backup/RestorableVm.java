package io.sendense.persistence.backup;

import java.time.Instant;

/**
 * A VM with complete restore points: its source (VMs of two vCenters may share a name), how many
 * points, and when the newest was taken.
 */
public record RestorableVm(
    long vmId, String vmName, String sourceName, long points, Instant latest) {}
