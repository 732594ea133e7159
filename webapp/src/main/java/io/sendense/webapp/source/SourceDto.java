package io.sendense.webapp.source;

import java.time.Instant;
import java.util.Map;

/**
 * A source as pages and the API show it: the password is never included. {@code nodeId} names the
 * node that runs its backups (null: the hub).
 */
public record SourceDto(
    long id,
    String name,
    String type,
    String host,
    int port,
    String username,
    Map<String, String> config,
    boolean enabled,
    Instant lastDiscoveryAt,
    String lastDiscoveryStatus,
    String lastDiscoveryMessage,
    long vms,
    Long nodeId,
    String nodeName) {}
