package io.sendense.batch.host;

import io.sendense.plugin.api.source.ChangedAreas;
import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.Inventory;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SnapshotCleanup;
import io.sendense.plugin.api.source.SnapshotInfo;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceSession;
import java.util.List;

/**
 * A source session seen through the catalog's VM id. Backup jobs name a VM by its catalog id (the
 * same in the hub and on a node); the plugin knows it by its own id (a vSphere moref). This
 * translates both ways, also inside the {@link Snapshot}s that pass through.
 */
public final class CatalogIdSession implements SourceSession {
  private final SourceSession plugin;
  private final String catalogId;
  private final String sourceId;

  public CatalogIdSession(SourceSession plugin, String catalogId, String sourceId) {
    this.plugin = plugin;
    this.catalogId = catalogId;
    this.sourceId = sourceId;
  }

  private String toSource(String vmId) {
    if (!catalogId.equals(vmId)) {
      throw new IllegalArgumentException(
          "This session serves VM " + catalogId + " only, not " + vmId);
    }
    return sourceId;
  }

  private Snapshot toSource(Snapshot s) {
    return new Snapshot(toSource(s.vmId()), s.id(), s.name(), s.disks(), s.vmConfiguration());
  }

  private Snapshot toCatalog(Snapshot s) {
    return new Snapshot(catalogId, s.id(), s.name(), s.disks(), s.vmConfiguration());
  }

  @Override
  public Inventory inventory() throws SourceException {
    return plugin.inventory();
  }

  @Override
  public List<SnapshotInfo> listSnapshots(String vmId) throws SourceException {
    return plugin.listSnapshots(toSource(vmId));
  }

  @Override
  public Snapshot createSnapshot(String vmId, String name, boolean quiesce) throws SourceException {
    return toCatalog(plugin.createSnapshot(toSource(vmId), name, quiesce));
  }

  @Override
  public void removeSnapshot(String vmId, String snapshotId) throws SourceException {
    plugin.removeSnapshot(toSource(vmId), snapshotId);
  }

  @Override
  public SnapshotCleanup removeStaleBackupSnapshots(String vmId, String keepName)
      throws SourceException {
    return plugin.removeStaleBackupSnapshots(toSource(vmId), keepName);
  }

  @Override
  public boolean enableChangeTracking(String vmId) throws SourceException {
    return plugin.enableChangeTracking(toSource(vmId));
  }

  @Override
  public ChangedAreas changedAreas(Snapshot snapshot, int diskKey, String sinceChangeId)
      throws SourceException {
    return plugin.changedAreas(toSource(snapshot), diskKey, sinceChangeId);
  }

  @Override
  public DiskReader openDiskReader(Snapshot snapshot, int diskKey) throws SourceException {
    return plugin.openDiskReader(toSource(snapshot), diskKey);
  }

  @Override
  public void close() throws SourceException {
    plugin.close();
  }
}
