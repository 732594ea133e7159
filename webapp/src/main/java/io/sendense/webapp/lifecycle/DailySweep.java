package io.sendense.webapp.lifecycle;

import java.time.Instant;

/**
 * CDI event: this hub claimed the daily sweep at {@code at}; retention (which sits above the
 * lifecycle) hears it and queues every flow with rules, so the lifecycle need not know it.
 */
public record DailySweep(Instant at) {}
