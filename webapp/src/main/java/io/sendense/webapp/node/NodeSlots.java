package io.sendense.webapp.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a node's queued jobs its poll may start: never more than the node's job limit at once
 * (its own, else the hub's {@code sendense.nodes.jobs-per-node}), one job per VM, none while the
 * node drains or is revoked. Jobs it does not start stay queued for a later poll. Kept apart from
 * the catalog so the rule is tested on its own.
 */
final class NodeSlots {
  /** The highest job limit a node can be given. */
  static final int MAX_LIMIT = 64;

  /** A queued job of the node and the VM it backs up. */
  record Queued(long jobId, long vmId) {}

  private NodeSlots() {}

  /** The node's job limit: its own if set, else the hub's default. */
  static int limit(Integer own, int hubDefault) {
    return own != null ? own : Math.max(1, hubDefault);
  }

  /**
   * The queued jobs to start now, oldest first.
   *
   * @param running how many jobs the node runs now (they count against the limit)
   * @param busyVms the VMs those jobs back up
   * @param queued the node's queued jobs, oldest first
   */
  static List<Long> claim(
      int limit, boolean accepting, int running, Collection<Long> busyVms, List<Queued> queued) {
    List<Long> start = new ArrayList<>();
    if (!accepting) {
      return start;
    }
    Set<Long> vms = new HashSet<>(busyVms);
    int free = limit - running;
    for (Queued job : queued) {
      if (free <= 0) {
        break;
      }
      if (vms.add(job.vmId())) {
        start.add(job.jobId());
        free--;
      }
    }
    return start;
  }

  /**
   * How many queued restores the node may take now: what its limit leaves after the backups it runs
   * or takes in this poll and the restores it runs (both kinds count against one limit); none while
   * it drains or is revoked.
   */
  static int restoreSlots(int limit, boolean accepting, int backups, int restores) {
    return accepting ? Math.max(0, limit - backups - restores) : 0;
  }
}
