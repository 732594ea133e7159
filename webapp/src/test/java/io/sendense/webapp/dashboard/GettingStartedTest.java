package io.sendense.webapp.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GettingStartedTest {

  private static List<Boolean> ticks(GettingStarted g) {
    return g.steps().stream().map(GettingStarted.Step::done).toList();
  }

  @Test
  void aFreshHubWithItsDefaultRepositoryHasOneOfFourStepsDone() {
    GettingStarted g = GettingStarted.of(new GettingStarted.Catalog(0, 0, 1, 0, 0, 0));
    assertTrue(g.shown());
    assertEquals(
        List.of("source", "repository", "flow", "run"),
        g.steps().stream().map(GettingStarted.Step::id).toList());
    assertEquals(List.of(false, true, false, false), ticks(g));
    assertEquals(1, g.done());
    assertEquals("No vCenter yet.", g.steps().get(0).state());
    assertEquals("Create a flow first.", g.steps().get(3).state());
  }

  @Test
  void aVcenterCountsOnlyOnceItsVmsAreDiscovered() {
    GettingStarted added = GettingStarted.of(new GettingStarted.Catalog(1, 0, 1, 0, 0, 0));
    assertFalse(added.steps().get(0).done());
    assertTrue(added.steps().get(0).state().contains("trust its certificate"));

    GettingStarted discovered = GettingStarted.of(new GettingStarted.Catalog(1, 4, 1, 0, 0, 0));
    assertTrue(discovered.steps().get(0).done());
    assertEquals("4 VMs discovered from 1 source.", discovered.steps().get(0).state());
  }

  @Test
  void noRepositoryLeavesItsStepOpen() {
    GettingStarted g = GettingStarted.of(new GettingStarted.Catalog(1, 2, 0, 1, 0, 0));
    assertEquals(List.of(true, false, true, false), ticks(g));
    assertTrue(g.steps().get(1).state().startsWith("No repository yet"));
  }

  @Test
  void aStartedRunTicksTheLastStepAndThePanelStaysUntilAPointIsComplete() {
    GettingStarted running = GettingStarted.of(new GettingStarted.Catalog(1, 4, 1, 1, 1, 0));
    assertEquals(List.of(true, true, true, true), ticks(running));
    assertTrue(running.shown());
    assertTrue(running.steps().get(3).state().startsWith("1 run started"));

    GettingStarted notRun = GettingStarted.of(new GettingStarted.Catalog(1, 4, 1, 1, 0, 0));
    assertFalse(notRun.steps().get(3).done());
    assertEquals("No flow has run yet: Run now.", notRun.steps().get(3).state());
  }

  @Test
  void thePanelGoesAwayWithTheFirstRestorePoint() {
    assertFalse(GettingStarted.of(new GettingStarted.Catalog(1, 4, 1, 1, 1, 1)).shown());
  }

  @Test
  void eachStepLinksToThePageWhereItIsDone() {
    GettingStarted g = GettingStarted.of(new GettingStarted.Catalog(0, 0, 0, 0, 0, 0));
    assertEquals(
        List.of(
            "/sources/source-list",
            "/repositories/repository-list",
            "/flows/flow-list",
            "/flows/flow-list"),
        g.steps().stream().map(GettingStarted.Step::outcome).toList());
    assertEquals(0, g.done());
  }
}
