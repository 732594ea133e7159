package io.sendense.persistence.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sendense.persistence.common.CatalogEntity;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.repository.Repository;
import java.lang.reflect.Field;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The placement order: repository's node, then flow's, then source's, then the hub. */
class PlacementTest {
  private final Node a = node(1, "site-a");
  private final Node b = node(2, "site-b");
  private final Node c = node(3, "site-c");

  @Test
  void theRepositorysNodeWinsOverTheFlowsAndTheSources() {
    assertSame(a, Placement.of(repository(a), flow(b, repository(a)), c));
  }

  @Test
  void withoutARepositoryNodeTheFlowsNodeWinsOverTheSources() {
    assertSame(b, Placement.of(repository(null), flow(b, repository(null)), c));
  }

  @Test
  void withoutRepositoryAndFlowNodesTheSourcesNodeDecides() {
    assertSame(c, Placement.of(repository(null), flow(null, repository(null)), c));
    assertSame(c, Placement.of(repository(null), null, c));
  }

  @Test
  void aRestoreRunsOnThePointsRepositorysNodeBeforeTheTargetSourcesNode() {
    assertSame(a, Placement.ofRestore(repository(a), b));
    assertSame(a, Placement.ofRestore(repository(a), null));
  }

  @Test
  void aRestoreFromARepositoryEveryoneReachesRunsOnTheTargetSourcesNodeElseTheHub() {
    assertSame(b, Placement.ofRestore(repository(null), b));
    assertSame(b, Placement.ofRestore(null, b));
    assertNull(Placement.ofRestore(repository(null), null));
    assertNull(Placement.ofRestore(null, null));
  }

  @Test
  void lifecycleWorkOnARepositoryPlacedOnANodeRunsThereAndTheHubSaysWhyItDoesNotOpenIt() {
    assertSame(a, Placement.ofLifecycle(repository(a)));
    assertEquals(
        Optional.of("repository 'store' is reachable from node 'site-a' only"),
        Placement.unreachableFromHub(repository(a)));
  }

  @Test
  void lifecycleWorkOnARepositoryEveryoneReachesRunsOnTheHub() {
    assertNull(Placement.ofLifecycle(repository(null)));
    assertNull(Placement.ofLifecycle(null));
    assertEquals(Optional.empty(), Placement.unreachableFromHub(repository(null)));
  }

  @Test
  void noChoiceAnywhereRunsOnTheHub() {
    assertNull(Placement.of(repository(null), null, null));
  }

  @Test
  void aFlowOnOneNodeWritingToARepositoryOfAnotherIsAContradictionThatSaysWhatToFix() {
    assertEquals(
        Optional.of(
            "Flow 'nightly' is placed on node 'site-b' but its repository 'store' is reachable"
                + " only from node 'site-a': place the flow on node 'site-a' or on no node (the"
                + " repository's node then runs it), or pick a repository that node 'site-b'"
                + " reaches"),
        Placement.conflict(flow(b, repository(a))));
  }

  @Test
  void theSameNodeOrAMissingChoiceIsNoContradiction() {
    assertEquals(Optional.empty(), Placement.conflict(flow(a, repository(node(1, "site-a")))));
    assertEquals(Optional.empty(), Placement.conflict(flow(null, repository(a))));
    assertEquals(Optional.empty(), Placement.conflict(flow(b, repository(null))));
  }

  private static Repository repository(Node node) {
    Repository r = new Repository();
    r.setName("store");
    r.setNode(node);
    return r;
  }

  private static ProtectionFlow flow(Node node, Repository repository) {
    ProtectionFlow f = new ProtectionFlow();
    f.setName("nightly");
    f.setNode(node);
    f.setRepository(repository);
    return f;
  }

  private static Node node(long id, String name) {
    Node n = new Node();
    n.setName(name);
    try {
      Field field = CatalogEntity.class.getDeclaredField("id");
      field.setAccessible(true);
      field.set(n, id);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    return n;
  }
}
