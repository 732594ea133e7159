package io.sendense.webapp.notification;

import java.time.Instant;
import java.util.Map;

/** A channel as the API and the page show it: never its secret, only whether one is set. */
public record ChannelDto(
    long id,
    String name,
    String kind,
    boolean enabled,
    Map<String, String> config,
    boolean secretSet,
    Instant createdAt) {}
