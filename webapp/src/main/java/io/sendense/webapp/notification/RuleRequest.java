package io.sendense.webapp.notification;

/**
 * A rule: send {@code event} to channel {@code channelId}, for one flow ({@code flowId}) or for
 * every flow (no {@code flowId}); {@code thresholdPercent} for REPOSITORY_CAPACITY only.
 */
public record RuleRequest(
    Long channelId, String event, Long flowId, Integer thresholdPercent, Boolean enabled) {}
