package io.sendense.webapp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.image.qcow2.ImageFacts;
import io.sendense.persistence.lifecycle.MergeKind;
import io.sendense.persistence.lifecycle.MergeState;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.lifecycle.MergeJournal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node's removal transitions reach the hub's journal only from the state each follows (a stale or
 * repeated report never moves a row back), only for the step's own repository, files and points.
 */
class NodeRemovalsTest {
  private final List<String> recorded = new ArrayList<>();
  private MergeState state = MergeState.PLANNED;

  private final NodeRemovals removals = new NodeRemovals();

  {
    removals.journal =
        new MergeJournal() {
          @Override
          public Step step(long mergeId) {
            return new Step(
                mergeId,
                100,
                9,
                7,
                MergeKind.COMMIT,
                state,
                "vm-9/p0.qcow2",
                "vm-9/p1.qcow2",
                101L,
                List.of("vm-9/p2.qcow2"));
          }

          @Override
          public void advance(long mergeId, MergeState to) {
            recorded.add(to.name());
            state = to;
          }

          @Override
          public void moved(long mergeId, long bytes, long millis) {
            recorded.add("moved " + bytes);
            state = MergeState.WRITTEN;
          }

          @Override
          public void switchCatalog(long mergeId) {
            recorded.add("switched");
            state = MergeState.SWITCHED;
          }

          @Override
          public void facts(long repositoryId, String fileName, ImageFacts facts) {
            recorded.add("facts " + fileName);
          }
        };
  }

  private static JsonObject op(String op) {
    return Json.createObjectBuilder().add("step", 50).add("op", op).build();
  }

  private static JsonObject advance(MergeState to) {
    return Json.createObjectBuilder()
        .add("step", 50)
        .add("op", "advance")
        .add("state", to.name())
        .build();
  }

  @Test
  void aMergeIsRecordedStepByStepInItsOrder() {
    removals.record(7, 50, "advance", advance(MergeState.WRITING));
    removals.record(
        7,
        50,
        "moved",
        Json.createObjectBuilder().add("step", 50).add("bytes", 4096).add("millis", 3).build());
    removals.record(7, 50, "advance", advance(MergeState.REPOINTED));
    removals.record(7, 50, "switch", op("switch"));
    removals.record(
        7,
        50,
        "facts",
        Json.createObjectBuilder()
            .add("file", "vm-9/p2.qcow2")
            .add(
                "facts",
                io.sendense.batch.wire.PortJson.facts(
                    new ImageFacts(1, "aa", 1 << 20, 65536, "p0.qcow2", 0)))
            .build());
    assertEquals(
        List.of("WRITING", "moved 4096", "REPOINTED", "switched", "facts vm-9/p2.qcow2"), recorded);
  }

  @Test
  void aTransitionThatDoesNotFollowTheRecordedStateIsRefused() {
    state = MergeState.REPOINTED;
    Refusal back =
        assertThrows(
            Refusal.class, () -> removals.record(7, 50, "advance", advance(MergeState.WRITING)));
    assertEquals(409, back.status());
    assertEquals("Removal step 50 is REPOINTED; 'advance' does not follow", back.getMessage());
    assertEquals(
        409,
        assertThrows(Refusal.class, () -> removals.record(7, 50, "moved", op("moved"))).status());
    state = MergeState.WRITTEN;
    assertEquals(
        409,
        assertThrows(Refusal.class, () -> removals.record(7, 50, "switch", op("switch"))).status());
    assertEquals(List.of(), recorded);
  }

  @Test
  void onlyTheStepsRepositoryFilesAndPointsAreReported() {
    Refusal repository =
        assertThrows(
            Refusal.class, () -> removals.record(8, 50, "advance", advance(MergeState.WRITING)));
    assertEquals(403, repository.status());
    state = MergeState.SWITCHED;
    JsonObject facts =
        Json.createObjectBuilder()
            .add("file", "vm-9/other.qcow2")
            .add(
                "facts",
                io.sendense.batch.wire.PortJson.facts(new ImageFacts(1, "aa", 1, 65536, null, 0)))
            .build();
    Refusal file = assertThrows(Refusal.class, () -> removals.record(7, 50, "facts", facts));
    assertEquals(403, file.status());
    assertEquals("Removal step 50 did not change vm-9/other.qcow2", file.getMessage());
    state = MergeState.ROLLED_BACK;
    JsonObject damaged =
        Json.createObjectBuilder().add("owner", 55).add("status", "CORRUPT").build();
    Refusal point = assertThrows(Refusal.class, () -> removals.record(7, 50, "damaged", damaged));
    assertEquals(403, point.status());
    assertEquals(List.of(), recorded);
  }
}
