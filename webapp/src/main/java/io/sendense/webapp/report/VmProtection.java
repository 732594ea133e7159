package io.sendense.webapp.report;

import java.time.Instant;
import java.util.List;

/**
 * One VM in the protection report. {@code rpoTargetSeconds}: the tightest promise of its flows'
 * schedules (null without one); {@code lastGoodPointAt} / {@code ageSeconds}: its newest COMPLETE
 * restore point (null without one).
 */
public record VmProtection(
    long vmId,
    String vmName,
    List<String> flows,
    Long rpoTargetSeconds,
    Instant lastGoodPointAt,
    Long ageSeconds,
    ProtectionStatus status) {}
