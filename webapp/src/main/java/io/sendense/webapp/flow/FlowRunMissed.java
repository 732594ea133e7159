package io.sendense.webapp.flow;

import java.time.Instant;

/** CDI event: a scheduled run was missed while the hub was down and not made up (catch-up off). */
public record FlowRunMissed(long flowId, long executionId, Instant plannedAt) {}
