package io.sendense.webapp.lifecycle;

/**
 * CDI event: a restore point was removed (retention, a copy's retention or a delete) or got a
 * verification verdict. Fired inside the transaction of the change; the dashboard (LivePush) is
 * told after the commit.
 */
public record PointsChanged() {}
