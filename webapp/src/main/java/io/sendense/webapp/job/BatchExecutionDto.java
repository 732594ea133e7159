package io.sendense.webapp.job;

import java.time.Instant;
import java.util.List;

/** One batch execution of a job with its steps, as the runtime reports them. */
public record BatchExecutionDto(
    long executionId,
    String batchStatus,
    String exitStatus,
    Instant startedAt,
    Instant endedAt,
    List<StepDto> steps) {

  /** One step (or partition) execution and its chunk counters. */
  public record StepDto(
      long stepExecutionId,
      String name,
      String batchStatus,
      String exitStatus,
      Instant startedAt,
      Instant endedAt,
      long readCount,
      long writeCount,
      long commitCount,
      long rollbackCount,
      long filterCount,
      long skipCount) {}
}
