package io.sendense.webapp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Why a queued node job waits, as the Jobs console and /api/v1/jobs say it. */
class NodeWaitsTest {
  private static final Instant SEEN = Instant.parse("2026-12-06T03:10:07.345Z");

  @Test
  void anOfflineNodeSaysSinceWhen() {
    assertEquals(
        "Node 'site-a' is offline since 2026-12-06T03:10:07Z; waiting for it to come back",
        NodeWaits.reason("site-a", "OFFLINE", SEEN, true, 4, 4, true));
  }

  @Test
  void aNodeThatNeverCalledSaysSo() {
    assertEquals(
        "Node 'site-a' has not called the hub since it paired; waiting for it",
        NodeWaits.reason("site-a", "NEVER", null, false, 0, 4, false));
  }

  @Test
  void aRevokedNodeSaysWhatToDo() {
    assertEquals(
        "Node 'site-a' is revoked; place the source, flow or repository on another node or the hub",
        NodeWaits.reason("site-a", "REVOKED", SEEN, false, 0, 4, false));
  }

  @Test
  void anOnlineNodeThatDrainsComesBeforeItsLimit() {
    assertEquals(
        "Node 'site-a' is draining (no new jobs); resume it on the Nodes page",
        NodeWaits.reason("site-a", "ONLINE", SEEN, true, 2, 2, false));
  }

  @Test
  void aNodeAtItsLimitSaysNOfN() {
    assertEquals(
        "Node 'site-a' is at its job limit (2/2)",
        NodeWaits.reason("site-a", "ONLINE", SEEN, false, 2, 2, true));
    assertEquals(
        "Node 'site-a' is at its job limit (3/2)",
        NodeWaits.reason("site-a", "ONLINE", SEEN, false, 3, 2, false));
  }

  @Test
  void aFreeNodeBusyWithTheSameVmSaysSoElseItTakesTheJobNext() {
    assertEquals(
        "Node 'site-a' runs another job of this VM",
        NodeWaits.reason("site-a", "ONLINE", SEEN, false, 1, 2, true));
    assertEquals(
        "Waiting for node 'site-a' to take it at its next call",
        NodeWaits.reason("site-a", "ONLINE", SEEN, false, 1, 2, false));
  }
}
