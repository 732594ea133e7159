package io.sendense.batch.backup;

import io.sendense.batch.point.PointFiles;
import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.CatalogPort;
import io.sendense.batch.port.PlannedDisk;
import io.sendense.image.store.ImageStore;
import io.sendense.plugin.api.source.Snapshot;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Keeps the VM configuration of a backup's snapshot twice: in the catalog and in a file next to the
 * point's images ({@link PointFiles}), so that a whole-VM restore works from the repository alone.
 * A source that records no configuration leaves the point restorable as files and disks.
 */
final class VmConfigRecorder {
  private static final Logger LOG = Logger.getLogger(VmConfigRecorder.class.getName());

  private final CatalogPort catalog;

  VmConfigRecorder(CatalogPort catalog) {
    this.catalog = catalog;
  }

  void record(BackupRecord backup, ImageStore repository, Snapshot snapshot) throws IOException {
    if (snapshot.configuration().isEmpty()) {
      LOG.warning(
          () ->
              "The source recorded no configuration for VM "
                  + backup.vmId()
                  + "; backup "
                  + backup.backupId()
                  + " cannot be restored as a whole VM");
      return;
    }
    String file =
        PointFiles.configFile(backup.disks().stream().map(PlannedDisk::fileName).toList());
    PointFiles.write(repository, file, snapshot.vmConfiguration());
    catalog.recordVmConfiguration(backup.backupId(), snapshot.vmConfiguration(), file);
  }
}
