package io.sendense.webapp.job;

import io.sendense.batch.wire.ExecutionReport;
import java.time.Instant;
import java.util.List;

/**
 * One batch execution of a job with its steps (and their chunk counters), as the runtime that ran
 * it reports them: the hub's, or a node's ({@link ExecutionReport}).
 */
public record BatchExecutionDto(
    long executionId,
    String batchStatus,
    String exitStatus,
    Instant startedAt,
    Instant endedAt,
    List<ExecutionReport.Step> steps) {}
