package io.sendense.webapp.group;

/** What a user submits to create or change a group; {@code membershipRule} may be blank. */
public record GroupRequest(
    String name,
    String description,
    String defaultSchedule,
    Long defaultRepositoryId,
    String membershipRule) {}
