package io.sendense.webapp.group;

import java.util.List;

/** VMs to add to or remove from a group, with the priority new members get (default 100). */
public record MembersRequest(List<Long> vmIds, Integer priority) {}
