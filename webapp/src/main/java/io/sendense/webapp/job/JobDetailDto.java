package io.sendense.webapp.job;

import java.util.List;

/** A job with every execution of its batch job instance, newest first. */
public record JobDetailDto(JobDto job, List<BatchExecutionDto> executions) {}
