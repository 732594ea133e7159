package io.sendense.webapp.repository;

/**
 * CDI event: a repository was added, changed, placed or deleted, or its capacity was read again.
 * Fired inside the transaction of the change; the dashboard (LivePush) is told after the commit.
 */
public record RepositoriesChanged() {}
