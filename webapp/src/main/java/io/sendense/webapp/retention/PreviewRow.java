package io.sendense.webapp.retention;

import java.time.Instant;

/**
 * One existing restore point of a flow and what the rules would do with it.
 *
 * @param keep whether a rule keeps it
 * @param reason the first rule that keeps it ("weekly 2025-W10"), or why it would go
 */
public record PreviewRow(
    long backupId, long vmId, String vmName, Instant takenAt, boolean keep, String reason) {}
