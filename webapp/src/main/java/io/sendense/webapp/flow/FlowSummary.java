package io.sendense.webapp.flow;

/** Counts of flows by status, for {@code /summary} and the dashboard. */
public record FlowSummary(
    int total,
    int enabled,
    int disabled,
    int running,
    int success,
    int warning,
    int failed,
    int neverRun,
    int missedSchedule) {}
