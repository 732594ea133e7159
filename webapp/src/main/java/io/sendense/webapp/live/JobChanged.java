package io.sendense.webapp.live;

/**
 * A backup job's row changed without ending: it started, waits for a slot, or made progress. Fired
 * inside the transaction of the change; {@link LivePush} tells open pages after the commit.
 */
public record JobChanged() {}
