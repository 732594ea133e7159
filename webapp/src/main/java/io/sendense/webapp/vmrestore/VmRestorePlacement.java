package io.sendense.webapp.vmrestore;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.node.Node;
import io.sendense.persistence.node.Placement;
import io.sendense.persistence.restore.RestoreJob;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.SourceStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Where a whole-VM restore runs ({@link Placement#ofRestore}): the node of the point's repository,
 * else the node of the target source, else the hub. The hub's dispatcher starts only the restores
 * this places on the hub; a node's poll takes those placed on it. Runs in the caller's transaction.
 */
@ApplicationScoped
public class VmRestorePlacement {
  @Inject BackupStore backups;
  @Inject SourceStore sources;

  /** The node the restore runs on, or null for the hub. */
  public Node of(RestoreJob job) {
    return Placement.ofRestore(
        job.getBackupId() == null
            ? null
            : backups.byId(job.getBackupId()).map(Backup::getRepository).orElse(null),
        job.getSourceId() == null
            ? null
            : sources.byId(job.getSourceId()).map(Source::getNode).orElse(null));
  }

  /** Whether the hub's own batch runtime runs it. */
  boolean onHub(RestoreJob job) {
    return job.getNode() == null && of(job) == null;
  }
}
