package io.sendense.persistence.backup;

import java.time.Instant;

/** A VM with complete restore points: how many, and when the newest was taken. */
public record RestorableVm(long vmId, String vmName, long points, Instant latest) {}
