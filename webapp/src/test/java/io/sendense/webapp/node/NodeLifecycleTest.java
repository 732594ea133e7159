package io.sendense.webapp.node;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.batch.lifecycle.ImageReport;
import io.sendense.batch.lifecycle.LifecycleTask;
import io.sendense.webapp.common.Refusal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node reports only on the lifecycle tasks it was given, only on the images they asked for, and
 * only while their repository is placed on it.
 */
class NodeLifecycleTest {
  private static final long NODE = 3;
  private final NodeLifecycle.Pending given =
      new NodeLifecycle.Pending(
          12,
          NODE,
          LifecycleTask.VERIFY,
          7,
          List.of(),
          List.of(100L),
          true,
          Instant.parse("2026-12-07T08:00:00Z"),
          List.of(1000L, 1001L));

  private final List<ImageReport> reports =
      List.of(new ImageReport(1000, "vm-5/a.qcow2", "OK", null, "aa", null));

  @Test
  void theNodeTheTaskWasGivenToReportsOnItsImages() {
    assertDoesNotThrow(() -> NodeLifecycle.permit(NODE, 12, given, NODE, reports));
  }

  @Test
  void anotherNodeIsRefused() {
    Refusal r =
        assertThrows(Refusal.class, () -> NodeLifecycle.permit(4, 12, given, NODE, reports));
    assertEquals(403, r.status());
    assertEquals("This node was not given lifecycle task 12", r.getMessage());
  }

  @Test
  void aRepositoryNoLongerPlacedOnTheNodeIsRefused() {
    Refusal moved =
        assertThrows(Refusal.class, () -> NodeLifecycle.permit(NODE, 12, given, 4L, reports));
    assertEquals(403, moved.status());
    assertEquals("Repository 7 is not placed on this node", moved.getMessage());
    Refusal everywhere =
        assertThrows(Refusal.class, () -> NodeLifecycle.permit(NODE, 12, given, null, reports));
    assertEquals(403, everywhere.status());
  }

  @Test
  void anImageTheTaskDidNotAskForIsRefused() {
    List<ImageReport> other =
        List.of(new ImageReport(2000, "vm-9/b.qcow2", "CORRUPT", "flipped", "bb", null));
    Refusal r =
        assertThrows(Refusal.class, () -> NodeLifecycle.permit(NODE, 12, given, NODE, other));
    assertEquals(403, r.status());
    assertEquals("Lifecycle task 12 did not ask for image 2000", r.getMessage());
  }

  @Test
  void aTaskNotYetGivenOrAlreadyReportedIsRefused() {
    NodeLifecycle.Pending waiting =
        new NodeLifecycle.Pending(
            12, NODE, LifecycleTask.HASH, 7, List.of(1000L), List.of(), false, null, List.of());
    assertEquals(
        403,
        assertThrows(Refusal.class, () -> NodeLifecycle.permit(NODE, 12, waiting, NODE, reports))
            .status());
    assertEquals(
        404,
        assertThrows(Refusal.class, () -> NodeLifecycle.permit(NODE, 12, null, NODE, reports))
            .status());
  }

  private final NodeLifecycle.Pending removal =
      new NodeLifecycle.Pending(
          14,
          NODE,
          LifecycleTask.REMOVE,
          7,
          List.of(),
          List.of(100L),
          false,
          Instant.parse("2026-12-07T08:00:00Z"),
          List.of(50L, 51L),
          new io.sendense.webapp.lifecycle.NodeLifecycleWork.Remove(NODE, 7, 9, 100, null),
          List.of());

  @Test
  void aRemovalIsReportedOnlyByTheNodeGivenItOnlyForItsStepsWhileTheRepositoryIsOnIt() {
    assertDoesNotThrow(() -> NodeLifecycle.permit(NODE, 14, removal, NODE, List.of()));
    assertDoesNotThrow(() -> NodeLifecycle.permitStep(14, removal, 51));
    Refusal other =
        assertThrows(Refusal.class, () -> NodeLifecycle.permit(4, 14, removal, NODE, List.of()));
    assertEquals(403, other.status());
    Refusal moved =
        assertThrows(Refusal.class, () -> NodeLifecycle.permit(NODE, 14, removal, 4L, List.of()));
    assertEquals(403, moved.status());
    assertEquals("Repository 7 is not placed on this node", moved.getMessage());
    Refusal step = assertThrows(Refusal.class, () -> NodeLifecycle.permitStep(14, removal, 52));
    assertEquals(403, step.status());
    assertEquals("Lifecycle task 14 has no removal step 52", step.getMessage());
    Refusal notRemoval =
        assertThrows(Refusal.class, () -> NodeLifecycle.permitStep(12, given, 1000));
    assertEquals(403, notRemoval.status());
  }

  @Test
  void aRemovalLeavesItsNodeOnceItsRepositoryIsElsewhereAndTheNodeNoLongerHoldsIt() {
    Instant handed = removal.handedAt();
    Instant withinGrace = handed.minusSeconds(1);
    Instant afterGrace = handed.plusSeconds(1);
    assertFalse(NodeLifecycle.movedAway(removal, NODE, afterGrace), "still placed on the node");
    assertFalse(
        NodeLifecycle.movedAway(removal, null, withinGrace),
        "handed within the grace: the node may still be writing");
    assertTrue(NodeLifecycle.movedAway(removal, null, afterGrace), "the repository is the hub's");
    assertTrue(NodeLifecycle.movedAway(removal, 4L, afterGrace), "placed on another node");
    NodeLifecycle.Pending waiting =
        new NodeLifecycle.Pending(
            14,
            NODE,
            LifecycleTask.REMOVE,
            7,
            List.of(),
            List.of(100L),
            false,
            null,
            List.of(),
            removal.removal(),
            List.of());
    assertTrue(NodeLifecycle.movedAway(waiting, 4L, withinGrace), "never handed");
    assertFalse(NodeLifecycle.movedAway(waiting, NODE, withinGrace));
  }
}
