package io.sendense.webapp.backup;

/**
 * A row of the Jobs page changed without a {@code BackupJobEnded}: a backup job started, waits for
 * a slot or made progress, or a VM restore was queued, started, progressed or ended. Fired inside
 * the transaction of the change; the live pages (LivePush) are told after the commit.
 */
public record JobChanged() {}
