package io.sendense.webapp.group;

/**
 * One VM of a group.
 *
 * @param byRule whether it is a member through the group's rule rather than by hand
 */
public record MemberDto(
    long vmId,
    String vmName,
    String sourceName,
    String state,
    int priority,
    boolean enabled,
    boolean byRule) {}
