package io.sendense.webapp.flow;

import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobStatus;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.common.PresenceState;
import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.flow.FlowExecutionVm;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.flow.TriggerKind;
import io.sendense.persistence.flow.VmRunStatus;
import io.sendense.persistence.source.Vm;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.group.GroupService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The catalog side of flow executions, each step in its own short transaction: open an execution
 * with one pending row per target VM, note each started job, and roll up each ended job.
 */
@ApplicationScoped
@Transactional
public class ExecutionService {
  @Inject FlowStore flows;
  @Inject GroupService groups;
  @Inject BackupJobStore jobs;
  @Inject Clock clock;
  @Inject Event<FlowRunEnded> runEnded;

  /**
   * Opens an execution of a flow. A manual run of a flow that is running, has no usable target or
   * an unusable repository is refused; a scheduled one is recorded as SKIPPED or FAILED instead, so
   * the history shows why nothing ran.
   *
   * @return the execution, RUNNING with its VMs PENDING, or already ended
   */
  public Opened open(long flowId, TriggerKind trigger, String user) {
    ProtectionFlow flow =
        flows
            .lockedFlow(flowId)
            .orElseThrow(() -> new Refusal(404, "No protection flow with id " + flowId));
    boolean manual = trigger == TriggerKind.MANUAL || trigger == TriggerKind.RERUN;
    FlowExecution execution = new FlowExecution();
    execution.setFlow(flow);
    execution.setTriggerKind(trigger);
    execution.setTriggeredBy(user);
    execution.setStartedAt(clock.instant());
    Optional<FlowExecution> running =
        flows.runningExecutions().stream()
            .filter(e -> e.getFlow().getId().equals(flow.getId()))
            .findFirst();
    if (running.isPresent()) {
      String why = "Execution #" + running.get().getId() + " of this flow is still running";
      if (manual) {
        throw new Refusal(409, "Flow '" + flow.getName() + "' is already running: " + why);
      }
      return Opened.of(ended(execution, ExecutionStatus.SKIPPED, "Skipped: " + why));
    }
    String problem = problemWith(flow);
    List<Vm> targets = problem == null ? targets(flow) : List.of();
    if (problem == null && targets.isEmpty()) {
      problem = "Group '" + flow.getTargetGroup().getName() + "' has no members to back up";
    }
    if (problem != null) {
      if (manual) {
        throw new Refusal(409, problem);
      }
      flow.setRunsTotal(flow.getRunsTotal() + 1);
      flow.setRunsFailed(flow.getRunsFailed() + 1);
      flow.setLastRunAt(execution.getStartedAt());
      flow.setLastStatus(ExecutionStatus.FAILED);
      flow.setLastMessage(problem);
      FlowExecution failed = ended(execution, ExecutionStatus.FAILED, problem);
      runEnded.fire(new FlowRunEnded(flow.getId(), failed.getId(), ExecutionStatus.FAILED));
      return Opened.of(failed);
    }
    execution.setVmsTotal(targets.size());
    flows.saveExecution(execution);
    for (Vm vm : targets) {
      flows.saveVmRun(new FlowExecutionVm(execution, vm));
    }
    flow.setRunsTotal(flow.getRunsTotal() + 1);
    flow.setLastRunAt(execution.getStartedAt());
    return Opened.of(execution);
  }

  /**
   * An opened execution: its id, the repository its jobs write to, and whether it already ended.
   */
  public record Opened(long executionId, long repositoryId, boolean ended) {
    static Opened of(FlowExecution e) {
      return new Opened(e.getId(), e.getFlow().getRepository().getId(), e.isEnded());
    }
  }

  private FlowExecution ended(FlowExecution execution, ExecutionStatus status, String message) {
    execution.setStatus(status);
    execution.setMessage(message);
    execution.setCompletedAt(execution.getStartedAt());
    return flows.saveExecution(execution);
  }

  /** Why the flow cannot run at all, or null. */
  private static String problemWith(ProtectionFlow flow) {
    if (!flow.getRepository().isEnabled()) {
      return "Repository '" + flow.getRepository().getName() + "' is disabled";
    }
    Vm vm = flow.getTargetVm();
    if (vm != null && vm.getState() != PresenceState.PRESENT) {
      return "VM '" + vm.getName() + "' is gone from vCenter";
    }
    return null;
  }

  private List<Vm> targets(ProtectionFlow flow) {
    return flow.getTargetVm() != null
        ? List.of(flow.getTargetVm())
        : groups.targets(flow.getTargetGroup());
  }

  /** The VMs of an execution still waiting for their job to start. */
  public List<Long> pendingVms(long executionId) {
    FlowExecution execution = flows.execution(executionId).orElseThrow();
    return flows.vmRunsOf(execution).stream()
        .filter(r -> r.getStatus() == VmRunStatus.PENDING && r.getVm() != null)
        .map(r -> r.getVm().getId())
        .toList();
  }

  /** Notes the job queued for a VM; a job that already ended keeps its outcome. */
  public void jobStarted(long executionId, long vmId, long jobId) {
    flows.lockedExecution(executionId).orElseThrow();
    flows
        .vmRun(executionId, vmId)
        .ifPresent(
            run -> {
              if (run.getJobId() == null) {
                run.setJobId(jobId);
              }
              if (run.getStatus() == VmRunStatus.PENDING) {
                run.setStatus(VmRunStatus.RUNNING);
                run.setStartedAt(clock.instant());
              }
            });
  }

  /**
   * Records the end of one VM's job (or its failure to start) and ends the execution when it was
   * the last.
   */
  public void vmEnded(
      long executionId,
      long vmId,
      Long jobId,
      Long jobExecutionId,
      Long backupId,
      boolean ok,
      String error) {
    FlowExecution execution = flows.lockedExecution(executionId).orElse(null);
    if (execution == null) {
      return; // the flow and its history were deleted meanwhile
    }
    Optional<FlowExecutionVm> run = flows.vmRun(executionId, vmId);
    if (run.isEmpty()) {
      return;
    }
    if (jobId != null && run.get().getJobId() == null) {
      run.get().setJobId(jobId);
    }
    if (jobExecutionId != null) {
      run.get().setJobExecutionId(jobExecutionId);
    }
    if (backupId != null) {
      run.get().setBackupId(backupId);
    }
    if (ExecutionRollup.vmEnded(
        execution.getFlow(),
        execution,
        flows.vmRunsOf(execution),
        run.get(),
        ok,
        error,
        clock.instant())) {
      runEnded.fire(
          new FlowRunEnded(execution.getFlow().getId(), executionId, execution.getStatus()));
    }
  }

  /**
   * Catches up on job ends whose event was lost (the hub stopped between the job's end and the
   * roll-up): a VM whose backup job has ended is rolled up from the job's row.
   */
  public int reconcile() {
    int fixed = 0;
    for (FlowExecution execution : flows.runningExecutions()) {
      for (FlowExecutionVm run : flows.vmRunsOf(execution)) {
        if (run.getStatus() != VmRunStatus.RUNNING || run.getJobId() == null) {
          continue;
        }
        Optional<BackupJob> job = jobs.byId(run.getJobId());
        if (job.isPresent() && !job.get().getStatus().active()) {
          BackupJob j = job.get();
          run.setJobExecutionId(j.getJobExecutionId());
          if (j.getBackup() != null) {
            run.setBackupId(j.getBackup().getId());
          }
          if (ExecutionRollup.vmEnded(
              execution.getFlow(),
              execution,
              flows.vmRunsOf(execution),
              run,
              j.getStatus() == BackupJobStatus.COMPLETED,
              j.getErrorMessage(),
              clock.instant())) {
            runEnded.fire(
                new FlowRunEnded(
                    execution.getFlow().getId(), execution.getId(), execution.getStatus()));
          }
          fixed++;
        }
      }
    }
    return fixed;
  }
}
