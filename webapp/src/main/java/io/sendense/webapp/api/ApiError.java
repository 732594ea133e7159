package io.sendense.webapp.api;

/** The body of every API error: a stable code and a message that says what to fix. */
public record ApiError(String error, String message) {}
