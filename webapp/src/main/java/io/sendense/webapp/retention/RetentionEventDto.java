package io.sendense.webapp.retention;

import java.time.Instant;

/**
 * A line of a flow's retention history.
 *
 * @param action {@code DELETED}, {@code DEFERRED} (something held the point) or {@code FAILED}
 * @param pointTakenAt when the point's backup started
 */
public record RetentionEventDto(
    long id,
    Instant at,
    String action,
    Long backupId,
    Long vmId,
    String vmName,
    Instant pointTakenAt,
    String detail) {}
