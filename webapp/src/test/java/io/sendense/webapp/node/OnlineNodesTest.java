package io.sendense.webapp.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OnlineNodesTest {
  private final OnlineNodes online = new OnlineNodes();

  @Test
  void aFirstCallAndACallAfterSilenceAreChangesFurtherCallsAreNot() {
    assertTrue(online.called(1), "first call");
    assertFalse(online.called(1), "still online");
    assertTrue(online.now(Map.of(1L, false)), "went OFFLINE");
    assertTrue(online.called(1), "called after silence");
  }

  @Test
  void goingOfflineByTimeAloneIsAChangeOnlyOnce() {
    online.called(1);
    online.called(2);
    assertFalse(online.now(Map.of(1L, true, 2L, true)), "nothing changed");
    assertTrue(online.now(Map.of(1L, true, 2L, false)), "node 2 went OFFLINE");
    assertFalse(online.now(Map.of(1L, true, 2L, false)), "told once");
  }

  @Test
  void aNodeOnlineUnnoticedOrRemovedIsAChange() {
    assertTrue(online.now(Map.of(3L, true)), "online without a call seen here (hub restart)");
    assertFalse(online.called(3));
    assertTrue(online.now(Map.of()), "no longer listed");
    assertFalse(online.now(Map.of(4L, false)), "a node never online: no change");
  }
}
