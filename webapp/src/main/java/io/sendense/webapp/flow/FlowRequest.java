package io.sendense.webapp.flow;

import io.sendense.webapp.retention.RetentionRules;

/**
 * What a user submits to create or change a flow. Exactly one of {@code targetVmId} and {@code
 * targetGroupId}. For a group target, a missing repository or schedule falls back to the group's
 * defaults; an empty schedule means manual only. {@code timeZone} defaults to UTC. {@code
 * retention} says which restore points to keep (left out: all); {@code retentionCount} is an alias
 * of its {@code last}. {@code policyId} names the backup policy whose copy rules apply to the
 * flow's points (null: none). {@code nodeId} names the node the flow's backups run on unless its
 * repository names one (null: none; see {@code Placement}).
 */
public record FlowRequest(
    String name,
    Long targetVmId,
    Long targetGroupId,
    Long repositoryId,
    String schedule,
    String timeZone,
    Boolean enabled,
    Integer retentionCount,
    RetentionRules retention,
    Long policyId,
    Long nodeId) {}
