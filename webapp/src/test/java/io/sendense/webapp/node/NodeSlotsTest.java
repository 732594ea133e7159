package io.sendense.webapp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeSlotsTest {
  private static final List<NodeSlots.Queued> THREE_VMS =
      List.of(
          new NodeSlots.Queued(11, 1), new NodeSlots.Queued(12, 2), new NodeSlots.Queued(13, 3));

  @Test
  void aNodeWithLimitOneThatRunsAJobStartsNoOther() {
    assertEquals(List.of(), NodeSlots.claim(1, true, 1, Set.of(9L), THREE_VMS));
  }

  @Test
  void anIdleNodeWithLimitOneStartsOnlyTheOldestQueuedJob() {
    assertEquals(List.of(11L), NodeSlots.claim(1, true, 0, Set.of(), THREE_VMS));
  }

  @Test
  void freeSlotsAreTheLimitLessTheRunningJobs() {
    assertEquals(List.of(11L, 12L), NodeSlots.claim(3, true, 1, Set.of(9L), THREE_VMS));
    assertEquals(List.of(11L, 12L, 13L), NodeSlots.claim(4, true, 0, Set.of(), THREE_VMS));
  }

  @Test
  void aNodeOverItsLoweredLimitStartsNothing() {
    assertEquals(List.of(), NodeSlots.claim(2, true, 3, Set.of(7L, 8L, 9L), THREE_VMS));
  }

  @Test
  void oneJobPerVmTheNextVmTakesTheSlot() {
    List<NodeSlots.Queued> queued =
        List.of(
            new NodeSlots.Queued(11, 1), new NodeSlots.Queued(12, 1), new NodeSlots.Queued(13, 2));
    assertEquals(List.of(13L), NodeSlots.claim(4, true, 1, Set.of(1L), queued));
    assertEquals(List.of(11L, 13L), NodeSlots.claim(4, true, 0, Set.of(), queued));
  }

  @Test
  void aDrainingNodeStartsNothing() {
    assertEquals(List.of(), NodeSlots.claim(4, false, 0, Set.of(), THREE_VMS));
  }

  @Test
  void theNodesOwnLimitWinsOverTheHubDefault() {
    assertEquals(1, NodeSlots.limit(1, 4));
    assertEquals(4, NodeSlots.limit(null, 4));
    assertEquals(1, NodeSlots.limit(null, 0));
  }

  @Test
  void restoresTakeWhatTheLimitLeavesAfterBackupsAndRunningRestores() {
    assertEquals(2, NodeSlots.restoreSlots(4, true, 1, 1));
    assertEquals(1, NodeSlots.restoreSlots(4, true, 3, 0), "backups taken in this poll count");
    assertEquals(0, NodeSlots.restoreSlots(2, true, 2, 1), "never below none");
  }

  @Test
  void aDrainingOrRevokedNodeTakesNoRestore() {
    assertEquals(0, NodeSlots.restoreSlots(4, false, 0, 0));
  }
}
