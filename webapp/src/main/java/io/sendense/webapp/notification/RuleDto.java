package io.sendense.webapp.notification;

/** A rule as the API and the page show it, with the names of its channel and flow. */
public record RuleDto(
    long id,
    long channelId,
    String channelName,
    String event,
    Long flowId,
    String flowName,
    Integer thresholdPercent,
    boolean enabled) {}
