package io.sendense.webapp.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.flow.FlowExecutionVm;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.flow.VmRunStatus;
import io.sendense.persistence.source.Vm;
import io.sendense.webapp.backup.BackupJobEnded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Job ends, delivered as the engine's events, roll up into the execution and the flow. */
class ExecutionRollupTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

  private final ProtectionFlow flow = new ProtectionFlow();
  private final FlowExecution execution = new FlowExecution();
  private final List<FlowExecutionVm> runs = new ArrayList<>();

  private void vms(String... names) {
    execution.setFlow(flow);
    execution.setVmsTotal(names.length);
    for (String name : names) {
      Vm vm = new Vm();
      vm.setName(name);
      FlowExecutionVm run = new FlowExecutionVm(execution, vm);
      run.setStatus(VmRunStatus.RUNNING);
      runs.add(run);
    }
  }

  /** What the observer does with one event, on in-memory rows. */
  private boolean deliver(int vm, BackupJobEnded event) {
    FlowExecutionVm run = runs.get(vm);
    if (event.backupId() != null) {
      run.setBackupId(event.backupId());
    }
    return ExecutionRollup.vmEnded(
        flow, execution, runs, run, event.succeeded(), event.error(), NOW);
  }

  private static BackupJobEnded ended(long job, String status, String error) {
    return new BackupJobEnded(job, job + 100, job, 7L, job * 10, status, error);
  }

  @Test
  void theExecutionEndsOnlyWhenTheLastJobEnds() {
    vms("web01", "web02");
    assertFalse(deliver(0, ended(1, "COMPLETED", null)));
    assertEquals(ExecutionStatus.RUNNING, execution.getStatus());
    assertTrue(deliver(1, ended(2, "COMPLETED", null)));
    assertEquals(ExecutionStatus.SUCCESS, execution.getStatus());
    assertEquals(2, execution.getVmsSucceeded());
    assertEquals(NOW, execution.getCompletedAt());
    assertEquals(ExecutionStatus.SUCCESS, flow.getLastStatus());
    assertNull(flow.getLastMessage());
    assertEquals(1, flow.getRunsSucceeded());
    assertEquals(20L, runs.get(1).getBackupId());
  }

  @Test
  void someFailedIsPartialWithTheFirstReason() {
    vms("web01", "web02", "db01");
    deliver(0, ended(1, "COMPLETED", null));
    deliver(1, ended(2, "FAILED", "Repository /mnt/x is not reachable"));
    deliver(2, ended(3, "COMPLETED", null));
    assertEquals(ExecutionStatus.PARTIAL, execution.getStatus());
    assertEquals(1, execution.getVmsFailed());
    assertEquals(
        "1 of 3 VM(s) failed. web02: Repository /mnt/x is not reachable", execution.getMessage());
    assertEquals(ExecutionStatus.PARTIAL, flow.getLastStatus());
    assertEquals(1, flow.getRunsFailed());
    assertEquals(VmRunStatus.FAILED, runs.get(1).getStatus());
  }

  @Test
  void allFailedIsFailed() {
    vms("web01", "web02");
    deliver(0, ended(1, "FAILED", "Repository unreachable"));
    deliver(1, ended(2, "STOPPED", null));
    assertEquals(ExecutionStatus.FAILED, execution.getStatus());
    assertEquals("The backup job failed", runs.get(1).getMessage());
    assertEquals(ExecutionStatus.FAILED, flow.getLastStatus());
    assertTrue(flow.getLastMessage().contains("web01: Repository unreachable"));
  }

  @Test
  void anEventDeliveredTwiceCountsOnce() {
    vms("web01", "web02");
    deliver(0, ended(1, "COMPLETED", null));
    assertFalse(deliver(0, ended(1, "COMPLETED", null)));
    assertEquals(1, execution.getVmsSucceeded());
    assertEquals(ExecutionStatus.RUNNING, execution.getStatus());
  }

  @Test
  void theObserverIgnoresJobsNoFlowStartedAndSurvivesAFailingRollUp() {
    List<Object[]> calls = new ArrayList<>();
    BackupJobObserver observer = new BackupJobObserver();
    observer.executor = Runnable::run;
    observer.executions =
        new ExecutionService() {
          @Override
          public void vmEnded(
              long executionId,
              long vmId,
              Long job,
              Long jobExecution,
              Long backupId,
              boolean ok,
              String error) {
            calls.add(new Object[] {executionId, vmId, job, backupId, ok, error});
            throw new IllegalStateException("catalog down");
          }
        };
    observer.onJobEnded(new BackupJobEnded(5, 15L, 9, null, 50L, "COMPLETED", null));
    assertTrue(calls.isEmpty(), "a manual backup is none of the flows' business");
    observer.onJobEnded(new BackupJobEnded(6, null, 9, 3L, null, "ABANDONED", null));
    assertEquals(1, calls.size());
    assertEquals(3L, calls.get(0)[0]);
    assertEquals(false, calls.get(0)[4]);
    assertEquals("Backup job ABANDONED", calls.get(0)[5]);
  }
}
