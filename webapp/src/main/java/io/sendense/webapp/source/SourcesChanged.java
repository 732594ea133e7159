package io.sendense.webapp.source;

/**
 * CDI event: a source was added, changed or deleted, or a discovery read its VMs into the catalog.
 * Fired inside the transaction of the change; the dashboard (LivePush) is told after the commit.
 */
public record SourcesChanged() {}
