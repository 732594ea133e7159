package io.sendense.batch.restore.port;

import io.sendense.plugin.api.source.DiskContent;
import io.sendense.plugin.api.source.VmConfiguration;
import java.io.IOException;

/**
 * Reads restore points for the {@code restore-vm} job, through the same path restore sessions and
 * whole-disk downloads use in the host.
 */
public interface RestorePointPort {

  /**
   * The VM configuration recorded with the point: from the catalog, else from the file next to its
   * images.
   *
   * @throws IllegalStateException naming the point when none was recorded
   */
  VmConfiguration configuration(long backupId);

  /** Opens one disk of the point (by its key) for reading; the job closes it. */
  PointDisk openDisk(long backupId, int diskKey) throws IOException;

  /** A disk of a restore point, open for reading. */
  interface PointDisk extends DiskContent, AutoCloseable {
    @Override
    void close() throws IOException;
  }
}
