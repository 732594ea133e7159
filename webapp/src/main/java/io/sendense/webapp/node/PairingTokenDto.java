package io.sendense.webapp.node;

import java.time.Instant;

/**
 * A new pairing token, shown once: {@code token} and the {@code command} that pairs a node with it.
 */
public record PairingTokenDto(String token, Instant expiresAt, String hubUrl, String command) {}
