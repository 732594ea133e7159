package io.sendense.webapp.node;

import io.sendense.persistence.backup.BackupJobPhase;
import java.time.Instant;
import java.util.List;

/**
 * A node as the Nodes page and {@code GET /api/v1/nodes} show it.
 *
 * @param state ONLINE, OFFLINE (no contact for a minute), NEVER (paired, never polled) or REVOKED
 * @param jobLimit how many jobs the node runs at once (more wait, queued)
 * @param jobLimitDefault whether that limit is the hub's {@code sendense.nodes.jobs-per-node}
 * @param health the node's last report: CPU load, memory, free space of node-local repositories
 */
public record NodeDto(
    long id,
    String name,
    String address,
    String version,
    String state,
    Instant lastSeenAt,
    Instant pairedAt,
    boolean draining,
    int jobLimit,
    boolean jobLimitDefault,
    NodeHealth health,
    List<RunningJob> runningJobs,
    List<String> sources) {

  /** A job the node runs, with its live progress. */
  public record RunningJob(
      long jobId,
      String vmName,
      BackupJobPhase phase,
      long bytesDone,
      long bytesTotal,
      long rateBps) {}
}
