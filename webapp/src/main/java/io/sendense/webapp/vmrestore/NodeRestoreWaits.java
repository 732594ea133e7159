package io.sendense.webapp.vmrestore;

import io.sendense.persistence.node.Node;

/**
 * Why a queued restore placed on a node waits for it (the node is offline, draining, at its job
 * limit, ...). The node feature implements it: the node package depends on this one, not the other
 * way.
 */
public interface NodeRestoreWaits {
  String whyRestoreWaits(Node node);
}
