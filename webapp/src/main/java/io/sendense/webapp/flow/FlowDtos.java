package io.sendense.webapp.flow;

import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.flow.FlowExecutionVm;
import io.sendense.persistence.flow.FlowStore.VmRunState;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.flow.VmRunStatus;
import io.sendense.persistence.vm.VmStore.Progress;
import io.sendense.webapp.retention.RetentionRules;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a flow and an execution are shown: the status a flow derives from its run in progress and its
 * last run, an execution's progress, and the DTOs. Pure: {@link FlowQueries} reads everything these
 * need in a fixed number of queries, so they are tested without a catalog.
 */
final class FlowDtos {
  private FlowDtos() {}

  /**
   * A flow's run in progress as its row shows it.
   *
   * @param starting no VM of the run has left PENDING yet
   */
  record Running(FlowExecution execution, boolean starting, int progress) {}

  /** The run in progress of {@code execution} from its VMs' states and their latest telemetry. */
  static Running running(FlowExecution execution, List<VmRunState> vms, List<Progress> progress) {
    boolean starting = vms.stream().allMatch(r -> r.status() == VmRunStatus.PENDING);
    return new Running(execution, starting, progress(execution, vms, progress));
  }

  /** What the table shows for a flow: running (or starting), disabled, or after its last run. */
  static FlowStatus status(ProtectionFlow f, Running running) {
    if (running != null) {
      return running.starting() ? FlowStatus.STARTING : FlowStatus.RUNNING;
    }
    return f.isEnabled() ? FlowStatus.after(f.getLastStatus()) : FlowStatus.DISABLED;
  }

  static FlowDto flow(ProtectionFlow f, Running running) {
    FlowDto.RunningDto run = null;
    if (running != null) {
      FlowExecution e = running.execution();
      run =
          new FlowDto.RunningDto(
              e.getId(), e.getVmsTotal(), e.getVmsSucceeded(), e.getVmsFailed(), running.progress);
    }
    boolean isVm = f.getTargetVm() != null;
    return new FlowDto(
        f.getId(),
        f.getName(),
        isVm ? "vm" : "group",
        isVm ? f.getTargetVm().getId() : f.getTargetGroup().getId(),
        isVm ? f.getTargetVm().getName() : f.getTargetGroup().getName(),
        f.getRepository().getId(),
        f.getRepository().getName(),
        f.getCronSchedule(),
        f.getTimeZone(),
        f.isEnabled(),
        f.getRetentionCount(),
        rulesOf(f),
        status(f, running),
        f.getLastStatus(),
        f.getLastMessage(),
        f.getLastRunAt(),
        f.isEnabled() ? f.getNextRunAt() : null,
        f.getRunsTotal(),
        f.getRunsSucceeded(),
        f.getRunsFailed(),
        run,
        f.getPolicy() == null ? null : f.getPolicy().getId(),
        f.getPolicy() == null ? null : f.getPolicy().getName(),
        f.getNode() == null ? null : f.getNode().getId(),
        f.getNode() == null ? null : f.getNode().getName());
  }

  static RetentionRules rulesOf(ProtectionFlow f) {
    return new RetentionRules(
        f.getRetentionCount(),
        f.getRetentionDaily(),
        f.getRetentionWeekly(),
        f.getRetentionMonthly(),
        f.getRetentionYearly());
  }

  /** Percent done: ended VMs count whole, running ones by their latest telemetry. */
  static int progress(FlowExecution e, List<VmRunState> vms, List<Progress> progress) {
    if (e.getVmsTotal() == 0) {
      return e.isEnded() ? 100 : 0;
    }
    double done = e.getVmsSucceeded() + e.getVmsFailed();
    Map<Long, Progress> byVm =
        progress.stream().collect(Collectors.toMap(Progress::vmId, p -> p, (a, b) -> b));
    for (VmRunState run : vms) {
      if (run.status() == VmRunStatus.RUNNING && run.vmId() != null) {
        Progress p = byVm.get(run.vmId());
        if (p != null && p.bytesTotal() > 0) {
          done += Math.min(1.0, (double) p.bytesDone() / p.bytesTotal());
        }
      }
    }
    return (int) Math.min(100, Math.round(done * 100 / e.getVmsTotal()));
  }

  /** The states of an execution's VMs, as {@link #progress} reads them. */
  static List<VmRunState> states(FlowExecution e, List<FlowExecutionVm> runs) {
    return runs.stream()
        .map(
            r ->
                new VmRunState(
                    e.getId(), r.getStatus(), r.getVm() == null ? null : r.getVm().getId()))
        .toList();
  }

  static FlowRunDto execution(FlowExecution e, List<FlowExecutionVm> runs, int progress) {
    List<FlowRunDto.VmRun> vms =
        runs.stream()
            .map(
                r ->
                    new FlowRunDto.VmRun(
                        r.getVm() == null ? null : r.getVm().getId(),
                        r.getVmName(),
                        r.getStatus().name(),
                        r.getJobId(),
                        r.getJobExecutionId(),
                        r.getBackupId(),
                        r.getMessage(),
                        r.getStartedAt(),
                        r.getCompletedAt()))
            .toList();
    return new FlowRunDto(
        e.getId(),
        e.getFlow().getId(),
        e.getFlow().getName(),
        e.getTriggerKind().name(),
        e.getTriggeredBy(),
        e.getStatus().name(),
        e.getStartedAt(),
        e.getCompletedAt(),
        e.getVmsTotal(),
        e.getVmsSucceeded(),
        e.getVmsFailed(),
        e.isEnded() ? 100 : progress,
        e.getMessage(),
        vms);
  }
}
