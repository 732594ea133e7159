package io.sendense.webapp.user;

/** Fired inside the transaction in which a user changed their own password. */
public record PasswordChanged(String username) {}
