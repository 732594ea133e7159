package io.sendense.webapp.backup;

import java.time.Instant;

/**
 * The last verification of a restore point: every image of its chain re-read and checked.
 *
 * @param status {@code VERIFIED}, {@code CORRUPT} or {@code MISSING}
 * @param detail what was wrong (the file and the problem), or what was noted
 */
public record VerificationDto(String status, Instant checkedAt, String detail) {}
