package io.sendense.webapp.notification;

import java.util.Map;

/**
 * What an admin submits to create or change a channel. {@code secret} is the SMTP password or the
 * webhook's HMAC key: write-only, never returned; on change, left out or blank keeps the stored
 * one.
 */
public record ChannelRequest(
    String name, String kind, Map<String, String> config, String secret, Boolean enabled) {}
