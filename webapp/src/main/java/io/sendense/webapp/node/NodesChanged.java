package io.sendense.webapp.node;

/**
 * CDI event: a row of the Nodes page changed: a node was paired, renamed, drained, limited, revoked
 * or had a source placed on it, came back after silence or went OFFLINE, or one of its jobs
 * started, made progress or ended. Fired inside the transaction of the change (if any); the Nodes
 * page (LivePush, channel {@code nodes}) is told after the commit.
 */
public record NodesChanged() {}
