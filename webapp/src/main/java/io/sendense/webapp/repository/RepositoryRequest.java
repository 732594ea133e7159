package io.sendense.webapp.repository;

import java.util.Map;

/**
 * What a user submits to create, change or test a repository. On change, a secret field left out or
 * blank keeps its stored value. {@code encrypt} (create only) makes the repository encrypt its
 * restore points; it cannot change later. A null {@code immutableDays} keeps the stored setting.
 *
 * @param immutableDays points written into it are immutable for this many days (0: off)
 */
public record RepositoryRequest(
    String name,
    String type,
    Map<String, String> config,
    Boolean enabled,
    Boolean encrypt,
    Integer immutableDays) {}
