package io.sendense.webapp.job;

import io.sendense.batch.wire.ExecutionReport;
import io.sendense.batch.wire.PortJson;
import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobExecution;
import io.sendense.persistence.backup.BackupJobStatus;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A job's batch executions as the console shows them, with their steps: one the hub ran as its
 * batch runtime knows it, one a node ran as the node last reported it (a node's runtime forgets its
 * executions when the node stops, so the hub keeps its reports). An execution that never ended
 * because the process running it stopped shows FAILED, with its unfinished steps: {@value
 * #HUB_STOPPED} for the hub, {@value #NODE_STOPPED} for a node.
 */
final class JobExecutions {
  static final String HUB_STOPPED = "HUB_STOPPED";
  static final String NODE_STOPPED = "NODE_STOPPED";

  private static final Set<String> UNFINISHED =
      Set.copyOf(
          EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING).stream()
              .map(Enum::name)
              .toList());

  private JobExecutions() {}

  /** The job's executions in the order given; one the runtime forgot is left out. */
  static List<BatchExecutionDto> of(
      JobOperator operator, BackupJob job, List<BackupJobExecution> executions) {
    return executions.stream().map(e -> of(operator, job, e)).flatMap(Optional::stream).toList();
  }

  private static Optional<BatchExecutionDto> of(
      JobOperator operator, BackupJob job, BackupJobExecution e) {
    long id = e.getJobExecutionId();
    boolean current =
        job.getStatus() == BackupJobStatus.RUNNING
            && Long.valueOf(id).equals(job.getJobExecutionId());
    if (e.getNodeReport() != null) {
      ExecutionReport report = ExecutionReport.fromJson(PortJson.parse(e.getNodeReport()));
      return Optional.of(dto(id, report, current ? null : NODE_STOPPED));
    }
    try {
      return Optional.of(dto(id, ExecutionReport.of(operator, id), current ? null : HUB_STOPPED));
    } catch (NoSuchJobExecutionException gone) {
      if (job.getNode() == null) {
        return Optional.empty();
      }
      // a node's execution it has not reported (yet): starting, or lost with the node
      return Optional.of(
          current
              ? new BatchExecutionDto(id, "STARTING", null, e.getStartedAt(), null, List.of())
              : new BatchExecutionDto(
                  id, BatchStatus.FAILED.name(), NODE_STOPPED, e.getStartedAt(), null, List.of()));
    }
  }

  /**
   * The report as a row; {@code stoppedExit} (null for the job's running execution) is the exit of
   * what it left unfinished.
   */
  static BatchExecutionDto dto(long id, ExecutionReport r, String stoppedExit) {
    boolean orphan = stoppedExit != null && UNFINISHED.contains(r.batchStatus());
    List<ExecutionReport.Step> steps =
        r.steps().stream()
            .map(
                s -> {
                  boolean stopped = orphan && UNFINISHED.contains(s.batchStatus());
                  return new ExecutionReport.Step(
                      s.stepExecutionId(),
                      s.name(),
                      stopped ? BatchStatus.FAILED.name() : s.batchStatus(),
                      stopped ? stoppedExit : s.exitStatus(),
                      s.startedAt(),
                      s.endedAt(),
                      s.readCount(),
                      s.writeCount(),
                      s.commitCount(),
                      s.rollbackCount(),
                      s.filterCount(),
                      s.skipCount());
                })
            .toList();
    return new BatchExecutionDto(
        id,
        orphan ? BatchStatus.FAILED.name() : r.batchStatus(),
        orphan ? stoppedExit : r.exitStatus(),
        r.startedAt(),
        r.endedAt(),
        steps);
  }
}
