package io.sendense.webapp.flow;

/**
 * CDI event: a protection flow was added, changed, deleted, enabled or disabled (what it protects
 * may change). Fired inside the transaction of the change; the dashboard (LivePush) is told after
 * the commit.
 */
public record FlowsChanged() {}
