package io.sendense.webapp.security;

/**
 * Fired inside the transaction that changed a user's password, roles or enabled flag (or created
 * the user); authentication forgets what it cached of them once the transaction ends.
 */
public record AccountChanged(String username) {}
