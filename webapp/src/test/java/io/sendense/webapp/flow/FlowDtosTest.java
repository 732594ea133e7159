package io.sendense.webapp.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.flow.ExecutionStatus;
import io.sendense.persistence.flow.FlowExecution;
import io.sendense.persistence.flow.FlowStore.FlowFilter;
import io.sendense.persistence.flow.FlowStore.VmRunState;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.flow.VmRunStatus;
import io.sendense.persistence.vm.VmStore.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowDtosTest {
  @Test
  void progressCountsEndedVmsWholeAndRunningOnesByTheirLatestTelemetry() {
    FlowExecution e = execution(4, 1, 1);
    List<VmRunState> vms =
        List.of(
            new VmRunState(7, VmRunStatus.SUCCESS, 1L),
            new VmRunState(7, VmRunStatus.FAILED, 2L),
            new VmRunState(7, VmRunStatus.RUNNING, 3L),
            new VmRunState(7, VmRunStatus.PENDING, 4L));
    List<Progress> telemetry = List.of(new Progress(3, 40, 100), new Progress(4, 90, 100));
    assertEquals(60, FlowDtos.progress(e, vms, telemetry));
    assertEquals(50, FlowDtos.progress(e, vms, List.of()));
    assertEquals(0, FlowDtos.progress(execution(0, 0, 0), List.of(), List.of()));
  }

  @Test
  void aRunIsStartingUntilOneOfItsVmsLeavesPending() {
    FlowExecution e = execution(2, 0, 0);
    assertTrue(
        FlowDtos.running(
                e,
                List.of(
                    new VmRunState(7, VmRunStatus.PENDING, 1L),
                    new VmRunState(7, VmRunStatus.PENDING, null)),
                List.of())
            .starting());
    FlowDtos.Running running =
        FlowDtos.running(
            e,
            List.of(
                new VmRunState(7, VmRunStatus.RUNNING, 1L),
                new VmRunState(7, VmRunStatus.PENDING, 2L)),
            List.of());
    assertFalse(running.starting());
    assertEquals(FlowStatus.RUNNING, FlowDtos.status(flow(false, null), running));
  }

  /** Every state a flow can be in is listed under exactly the status filter of its status. */
  @Test
  void eachStatusFilterSelectsExactlyTheFlowsThatShowThatStatus() {
    List<ExecutionStatus> lasts = new ArrayList<>(Arrays.asList(ExecutionStatus.values()));
    lasts.remove(ExecutionStatus.RUNNING); // an idle flow's last run has ended
    lasts.add(null);
    for (boolean running : new boolean[] {true, false}) {
      for (boolean enabled : new boolean[] {true, false}) {
        for (ExecutionStatus last : lasts) {
          ProtectionFlow f = flow(enabled, last);
          FlowDtos.Running run =
              running ? new FlowDtos.Running(execution(1, 0, 0), false, 0) : null;
          FlowStatus shown = FlowDtos.status(f, run);
          for (FlowStatus status : FlowStatus.values()) {
            boolean listed = matches(FlowQueries.filter(null, status), running, enabled, last);
            boolean expected =
                status == shown || (status == FlowStatus.STARTING && shown == FlowStatus.RUNNING);
            assertEquals(
                expected,
                listed,
                status + " filter, flow running=" + running + " enabled=" + enabled + " " + last);
          }
        }
      }
    }
  }

  /** What the catalog query of {@code filter} lets through (see FlowPagesIT for the SQL). */
  private static boolean matches(
      FlowFilter filter, boolean running, boolean enabled, ExecutionStatus last) {
    return (filter.running() == null || filter.running() == running)
        && (filter.enabled() == null || filter.enabled() == enabled)
        && (!filter.neverRun() || last == null)
        && (filter.lastStatus() == null || filter.lastStatus() == last);
  }

  private static ProtectionFlow flow(boolean enabled, ExecutionStatus last) {
    ProtectionFlow f = new ProtectionFlow();
    f.setEnabled(enabled);
    f.setLastStatus(last);
    return f;
  }

  private static FlowExecution execution(int total, int succeeded, int failed) {
    FlowExecution e = new FlowExecution();
    e.setVmsTotal(total);
    e.setVmsSucceeded(succeeded);
    e.setVmsFailed(failed);
    return e;
  }
}
