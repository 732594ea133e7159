package io.sendense.webapp.node;

import io.sendense.batch.wire.WorkItem;
import io.sendense.persistence.backup.BackupJobStatus;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.node.Node;
import io.sendense.persistence.node.NodeState;
import io.sendense.persistence.node.NodeStore;
import io.sendense.persistence.restore.RestoreJob;
import io.sendense.persistence.restore.RestoreJobStatus;
import io.sendense.persistence.restore.RestoreJobStore;
import io.sendense.persistence.source.SourceStore;
import io.sendense.webapp.backup.BackupDiskDto;
import io.sendense.webapp.backup.RestorePoints;
import io.sendense.webapp.config.HubSettings;
import io.sendense.webapp.repository.RepositoryService;
import io.sendense.webapp.source.SourceService;
import io.sendense.webapp.vmrestore.VmRestoreLedger;
import io.sendense.webapp.vmrestore.VmRestorePlacement;
import io.sendense.webapp.vmrestore.VmRestoreSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The catalog steps of whole-VM restores that nodes run, each its own transaction, as {@link
 * NodeJobRecords} for backups: which restores a poll hands out or stops, the work item, the reports
 * that keep a restore from going stale, and the stale ones. A restore runs on the node of its
 * point's repository, else of its target source ({@link VmRestorePlacement}); restores and backups
 * share the node's job limit.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class NodeRestoreRecords {
  @Inject NodeStore nodes;
  @Inject RestoreJobStore restores;
  @Inject BackupJobStore backups;
  @Inject io.sendense.persistence.backup.BackupStore backupStore;
  @Inject SourceStore sourceStore;
  @Inject SourceService sources;
  @Inject RepositoryService repositories;
  @Inject RestorePoints points;
  @Inject VmRestorePlacement placement;
  @Inject VmRestoreLedger ledger;
  @Inject VmRestoreSettings restoreSettings;
  @Inject HubSettings settings;
  @Inject Clock clock;

  /** Restores a poll hands to the node (taken now, or running and not reported) and stops. */
  public record Decision(List<Long> start, List<Long> stop) {}

  /**
   * @param reported the restores the node says it runs
   * @param claimedBackups backup jobs this poll hands out besides (they count against the limit)
   */
  public Decision decide(long nodeId, Set<Long> reported, int claimedBackups) {
    Node node = nodes.byId(nodeId).orElseThrow();
    List<RestoreJob> mine = mine(nodeId);
    List<Long> start = new ArrayList<>();
    for (RestoreJob r : mine) {
      if (!reported.contains(r.getId())) {
        start.add(r.getId());
      }
    }
    List<Long> stop = new ArrayList<>();
    for (long id : reported) {
      if (mine.stream().noneMatch(r -> r.getId() == id)) {
        stop.add(id);
      }
    }
    int free =
        NodeSlots.restoreSlots(
            NodeSlots.limit(node.getJobLimit(), settings.jobsPerNode()),
            !node.isDraining() && node.getStatus() == NodeState.ACTIVE,
            backups.onNode(node, List.of(BackupJobStatus.RUNNING)).size() + claimedBackups,
            mine.size());
    for (RestoreJob r : restores.inStatus(List.of(RestoreJobStatus.QUEUED))) {
      if (free <= 0) {
        break;
      }
      Node placed = placement.of(r);
      if (placed != null && Objects.equals(placed.getId(), node.getId())) {
        long execution = -(r.getId() * 1000 + ((r.getExecutions() + 1L) % 1000));
        ledger.takenByNode(r.getId(), node, execution);
        start.add(r.getId());
        free--;
      }
    }
    return new Decision(start, stop);
  }

  /** The work item of a restore the node runs: the restore's id, point, source and repository. */
  public WorkItem item(long restoreId) {
    RestoreJob r = restores.byId(restoreId).orElseThrow();
    var point = points.get(r.getBackupId());
    Map<String, String> p = new LinkedHashMap<>();
    p.put("restoreId", Long.toString(restoreId));
    p.put("threads", Integer.toString(restoreSettings.disksInParallel()));
    p.put("backupId", Long.toString(r.getBackupId()));
    p.put("sourceId", Long.toString(r.getSourceId()));
    var repository = backupStore.byId(r.getBackupId()).orElseThrow().getRepository();
    p.put("repositoryId", Long.toString(repository.getId()));
    for (BackupDiskDto d : point.disks()) {
      p.put(WorkItem.diskFileParameter(d.diskKey()), d.fileName());
    }
    return new WorkItem(
        WorkItem.RESTORE,
        restoreId,
        r.getJobInstanceId(),
        r.getJobExecutionId(),
        String.valueOf(r.getVmId()),
        "",
        p,
        sources.forNode(sourceStore.byId(r.getSourceId()).orElseThrow()),
        repositories.forNode(repository));
  }

  /** Whether the node runs restore {@code restoreId} now; notes the report for the stale check. */
  public boolean runs(long nodeId, long restoreId) {
    boolean runs = mine(nodeId).stream().anyMatch(r -> r.getId() == restoreId);
    if (runs) {
      restores.nodeContact(restoreId, clock.instant());
    }
    return runs;
  }

  /** Whether {@code executionId} is the execution the node runs restore {@code restoreId} as. */
  public boolean ownsExecution(long nodeId, long restoreId, long executionId) {
    return mine(nodeId).stream()
        .anyMatch(
            r -> r.getId() == restoreId && Objects.equals(r.getJobExecutionId(), executionId));
  }

  /** The node reports these restores running: notes the contact for those that are its own. */
  public void contact(long nodeId, Set<Long> reported) {
    for (RestoreJob r : mine(nodeId)) {
      if (reported.contains(r.getId())) {
        restores.nodeContact(r.getId(), clock.instant());
      }
    }
  }

  /** A running node restore without a report since {@code limit}, and why it fails. */
  public record Stale(long restoreId, String reason) {}

  public List<Stale> stale(Instant limit) {
    List<Stale> out = new ArrayList<>();
    for (RestoreJob r : restores.inStatus(List.of(RestoreJobStatus.RUNNING))) {
      Instant contact = r.getNodeContactAt();
      if (r.getNode() != null && contact != null && contact.isBefore(limit)) {
        out.add(
            new Stale(
                r.getId(),
                "Node '"
                    + r.getNode().getName()
                    + "' has not reported on this restore since "
                    + contact
                    + " (grace "
                    + settings.nodesJobGrace().toSeconds()
                    + " s); the restore failed. A VM it created stays in the source: restarting"
                    + " the restore goes on with it, or delete it there"));
      }
    }
    return out;
  }

  private List<RestoreJob> mine(long nodeId) {
    return restores.onNode(nodeId, List.of(RestoreJobStatus.RUNNING));
  }
}
