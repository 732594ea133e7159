package io.sendense.webapp.node;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which nodes were ONLINE when last looked at, so that a change of state shows as a change: a node
 * that calls after silence (or for the first time), and one that went OFFLINE by time alone (no
 * call for {@code sendense.nodes.offline-after-seconds}), which no request of its own announces.
 * Plain class, so it is tested without a container.
 */
final class OnlineNodes {
  private final Set<Long> online = ConcurrentHashMap.newKeySet();

  /** The node called now; true if it was not ONLINE before. */
  boolean called(long nodeId) {
    return online.add(nodeId);
  }

  /**
   * The nodes' states as they are now (id to ONLINE or not); true if one that was ONLINE is not any
   * more or one came online unnoticed.
   */
  boolean now(Map<Long, Boolean> onlineNow) {
    boolean changed = online.removeIf(id -> !onlineNow.getOrDefault(id, false));
    for (Map.Entry<Long, Boolean> node : onlineNow.entrySet()) {
      if (node.getValue() && online.add(node.getKey())) {
        changed = true;
      }
    }
    return changed;
  }
}
