package io.sendense.webapp.node;

import io.sendense.persistence.node.Node;
import io.sendense.persistence.node.NodeStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Tells the Nodes page when a node's state changes by itself: a call after silence (from {@link
 * NodeService#contact}) and OFFLINE detection, which only the passing of time causes (checked with
 * the node listener's stale check, every 5 s).
 */
@ApplicationScoped
public class NodeWatch {
  private final OnlineNodes online = new OnlineNodes();

  @Inject NodeStore nodes;
  @Inject NodeService service;
  @Inject Event<NodesChanged> changed;

  /** The node called now (inside the transaction that notes the call). */
  void called(long nodeId) {
    if (online.called(nodeId)) {
      changed.fire(new NodesChanged());
    }
  }

  /** Compares every node's state with the last look; tells the page if one changed. */
  @Transactional
  public void check() {
    Map<Long, Boolean> now =
        nodes.all().stream()
            .collect(Collectors.toMap(Node::getId, n -> "ONLINE".equals(service.state(n))));
    if (online.now(now)) {
      changed.fire(new NodesChanged());
    }
  }
}
