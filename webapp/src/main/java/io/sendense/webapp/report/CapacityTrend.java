package io.sendense.webapp.report;

import java.time.Instant;

/**
 * One repository in the capacity report: its capacity as last read, how many readings of the last
 * 30 days the forecast used (and since when), the growth of used space a day and the days until it
 * is full at that rate ({@link CapacityForecast}).
 */
public record CapacityTrend(
    long repositoryId,
    String repositoryName,
    Long totalBytes,
    Long usedBytes,
    Long freeBytes,
    Instant checkedAt,
    int samples,
    Instant firstSampleAt,
    CapacityForecast.Outlook outlook,
    Long growthBytesPerDay,
    Long daysUntilFull) {}
