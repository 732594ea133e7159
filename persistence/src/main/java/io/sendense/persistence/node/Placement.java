package io.sendense.persistence.node;

import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.repository.Repository;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a backup runs. A repository, a flow and a source can each name a node; the first that does
 * decides, in this order: the repository's node (its data is reachable only there), the flow's
 * node, the source's node; none: the hub. A flow placed on one node that writes to a repository
 * reachable only from another is a contradiction, refused when either is saved ({@link #conflict}).
 * {@code BackupJob.queuedForNode} applies the same order in the catalog's query. A revoked node
 * cannot be chosen ({@link #unusable}).
 */
public final class Placement {
  private Placement() {}

  /** The node a job runs on, or null for the hub. */
  public static Node of(BackupJob job) {
    var execution = job.getFlowExecution();
    return of(
        job.getRepository(),
        execution == null ? null : execution.getFlow(),
        job.getVm().getSource().getNode());
  }

  /** The node that wins among a repository's, a flow's (may be null) and a source's choice. */
  public static Node of(Repository repository, ProtectionFlow flow, Node sourceNode) {
    if (repository.getNode() != null) {
      return repository.getNode();
    }
    if (flow != null && flow.getNode() != null) {
      return flow.getNode();
    }
    return sourceNode;
  }

  /**
   * The node a whole-VM restore runs on, or null for the hub: the node of the repository holding
   * the point (its data is reachable only there), else the node of the source it restores into (the
   * node near that hypervisor), else the hub. A restore has no flow.
   *
   * @param pointRepository the repository of the point, or null when it is gone
   * @param targetSourceNode the target source's node, or null
   */
  public static Node ofRestore(Repository pointRepository, Node targetSourceNode) {
    if (pointRepository != null && pointRepository.getNode() != null) {
      return pointRepository.getNode();
    }
    return targetSourceNode;
  }

  /**
   * Where the hub's own work on a repository's points (hashing, verification, merges, deletions,
   * rescans) runs: on the repository's node, or null for the hub. A repository placed on a node is
   * reachable only there, so the hub never opens it and never judges its points by what it cannot
   * open.
   */
  public static Node ofLifecycle(Repository repository) {
    return repository == null ? null : repository.getNode();
  }

  /**
   * Why the hub cannot open a repository's files itself ("repository 'R' is reachable from node 'N'
   * only"); empty when it can.
   */
  public static Optional<String> unreachableFromHub(Repository repository) {
    Node node = ofLifecycle(repository);
    return node == null
        ? Optional.empty()
        : Optional.of(
            "repository '"
                + repository.getName()
                + "' is reachable from node '"
                + node.getName()
                + "' only");
  }

  /** Why a backup cannot be placed on {@code node}: it is revoked; empty when it can. */
  public static Optional<String> unusable(Node node) {
    return node != null && node.getStatus() == NodeState.REVOKED
        ? Optional.of("Node '" + node.getName() + "' is revoked; pair a node first")
        : Optional.empty();
  }

  /**
   * Why a flow's node and its repository's node contradict each other, saying what to fix; empty
   * when they agree or either names none.
   */
  public static Optional<String> conflict(ProtectionFlow flow) {
    Node flowNode = flow.getNode();
    Repository repository = flow.getRepository();
    Node repositoryNode = repository == null ? null : repository.getNode();
    if (flowNode == null
        || repositoryNode == null
        || Objects.equals(flowNode.getId(), repositoryNode.getId())) {
      return Optional.empty();
    }
    return Optional.of(
        "Flow '"
            + flow.getName()
            + "' is placed on node '"
            + flowNode.getName()
            + "' but its repository '"
            + repository.getName()
            + "' is reachable only from node '"
            + repositoryNode.getName()
            + "': place the flow on node '"
            + repositoryNode.getName()
            + "' or on no node (the repository's node then runs it), or pick a repository that"
            + " node '"
            + flowNode.getName()
            + "' reaches");
  }
}
