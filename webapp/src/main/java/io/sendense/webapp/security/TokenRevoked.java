package io.sendense.webapp.security;

/** Fired inside the transaction that deleted an API token (by its stored hash). */
public record TokenRevoked(String tokenHash) {}
