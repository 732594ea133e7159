package io.sendense.webapp.flow;

import io.sendense.persistence.flow.ExecutionStatus;

/** A flow execution ended (fired inside the transaction that ended it). */
public record FlowRunEnded(long flowId, long executionId, ExecutionStatus status) {}
