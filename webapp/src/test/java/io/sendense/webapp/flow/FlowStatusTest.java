package io.sendense.webapp.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.persistence.flow.ExecutionStatus;
import org.junit.jupiter.api.Test;

class FlowStatusTest {
  @Test
  void anIdleFlowShowsHowItsLastRunEndedAPartialOneAsAWarning() {
    assertEquals(FlowStatus.NEVER_RUN, FlowStatus.after(null));
    assertEquals(FlowStatus.SUCCESS, FlowStatus.after(ExecutionStatus.SUCCESS));
    assertEquals(FlowStatus.WARNING, FlowStatus.after(ExecutionStatus.PARTIAL));
    assertEquals(FlowStatus.FAILED, FlowStatus.after(ExecutionStatus.FAILED));
    assertEquals(FlowStatus.SKIPPED, FlowStatus.after(ExecutionStatus.SKIPPED));
    assertEquals(FlowStatus.RUNNING, FlowStatus.after(ExecutionStatus.RUNNING));
  }
}
