package io.sendense.webapp.node;

import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobStatus;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.backup.JobKind;
import io.sendense.persistence.node.Node;
import io.sendense.persistence.node.Placement;
import io.sendense.persistence.restore.RestoreJobStatus;
import io.sendense.persistence.restore.RestoreJobStore;
import io.sendense.webapp.config.HubSettings;
import io.sendense.webapp.vmrestore.NodeRestoreWaits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Where a job runs and, while a job or a restore placed on a node is queued, why it waits: the node
 * is offline (since when), never polled, draining, revoked, at its job limit (n/n), or runs another
 * job of the same VM. Worked out when the job is read, so the reason is true even while the node is
 * away (a node that does not poll cannot record one).
 */
@ApplicationScoped
public class NodeWaits implements NodeRestoreWaits {
  @Inject BackupJobStore jobs;
  @Inject RestoreJobStore restores;
  @Inject NodeService nodes;
  @Inject HubSettings settings;

  /** Where a job runs (null: the hub) and the reason it waits, if it is queued. */
  public record Where(String nodeName, String waitReason) {}

  public Where of(BackupJob job) {
    if (job.getNode() != null) {
      return new Where(job.getNode().getName(), job.getWaitReason());
    }
    if (job.getStatus() != BackupJobStatus.QUEUED || job.getJobKind() != JobKind.BACKUP) {
      return new Where(null, job.getWaitReason());
    }
    Node node = Placement.of(job);
    if (node == null) {
      return new Where(null, job.getWaitReason());
    }
    List<BackupJob> running = jobs.onNode(node, List.of(BackupJobStatus.RUNNING));
    long vmId = job.getVm().getId();
    boolean vmBusy = running.stream().anyMatch(r -> r.getVm().getId() == vmId);
    return new Where(
        node.getName(),
        reason(
            node.getName(),
            nodes.state(node),
            node.getLastSeenAt(),
            node.isDraining(),
            running.size(),
            NodeSlots.limit(node.getJobLimit(), settings.jobsPerNode()),
            vmBusy));
  }

  /**
   * Why a queued restore placed on {@code node} waits: its backups and restores share its limit.
   */
  @Override
  public String whyRestoreWaits(Node node) {
    int running =
        jobs.onNode(node, List.of(BackupJobStatus.RUNNING)).size()
            + restores.onNode(node.getId(), List.of(RestoreJobStatus.RUNNING)).size();
    return reason(
        node.getName(),
        nodes.state(node),
        node.getLastSeenAt(),
        node.isDraining(),
        running,
        NodeSlots.limit(node.getJobLimit(), settings.jobsPerNode()),
        false);
  }

  /** Why a queued job of the named node waits, first reason first. */
  static String reason(
      String name,
      String state,
      Instant lastSeen,
      boolean draining,
      int running,
      int limit,
      boolean vmBusy) {
    String node = "Node '" + name + "'";
    return switch (state) {
      case "REVOKED" ->
          node + " is revoked; place the source, flow or repository on another node or the hub";
      case "NEVER" -> node + " has not called the hub since it paired; waiting for it";
      case "OFFLINE" ->
          node
              + " is offline since "
              + lastSeen.truncatedTo(ChronoUnit.SECONDS)
              + "; waiting for it to come back";
      default -> {
        if (draining) {
          yield node + " is draining (no new jobs); resume it on the Nodes page";
        }
        if (running >= limit) {
          yield node + " is at its job limit (" + running + "/" + limit + ")";
        }
        if (vmBusy) {
          yield node + " runs another job of this VM";
        }
        yield "Waiting for node '" + name + "' to take it at its next call";
      }
    };
  }
}
