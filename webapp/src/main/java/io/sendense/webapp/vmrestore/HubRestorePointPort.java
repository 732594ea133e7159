package io.sendense.webapp.vmrestore;

import io.sendense.batch.host.ChainPointDisk;
import io.sendense.batch.point.PointFiles;
import io.sendense.batch.point.PointJson;
import io.sendense.batch.restore.port.RestorePointPort;
import io.sendense.image.store.ImageStore;
import io.sendense.persistence.restore.RestoreJobStore;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.webapp.backup.BackupDetailDto;
import io.sendense.webapp.backup.BackupDiskDto;
import io.sendense.webapp.backup.RestorePoints;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.repository.RepositoryService;
import io.sendense.webapp.restore.OpenedPoint;
import io.sendense.webapp.restore.RestoreSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/**
 * Restore points for the {@code restore-vm} job: the recorded configuration (catalog first, else
 * the {@code .vm.json} file next to the images, so a point known only from its repository restores
 * too), and each disk opened through {@link RestoreSources}, the path restore sessions and
 * whole-disk downloads use.
 */
@ApplicationScoped
public class HubRestorePointPort implements RestorePointPort {
  @Inject RestoreJobStore restores;
  @Inject RestorePoints points;
  @Inject RestoreSources sources;
  @Inject RepositoryService repositories;

  @Override
  @Transactional
  public VmConfiguration configuration(long backupId) {
    return restores
        .configOf(backupId)
        .map(c -> PointJson.configuration(c.getConfigJson()))
        .orElseGet(() -> fromFile(backupId));
  }

  private VmConfiguration fromFile(long backupId) {
    BackupDetailDto point = points.get(backupId);
    List<String> files =
        point.disks().stream()
            .sorted(Comparator.comparingInt(BackupDiskDto::index))
            .map(BackupDiskDto::fileName)
            .toList();
    if (files.isEmpty()) {
      throw new IllegalStateException("Backup " + backupId + " has no disks");
    }
    String file = PointFiles.configFile(files);
    try (ImageStore store = repositories.openStore(point.backup().repositoryId())) {
      if (!store.isFile(file)) {
        throw new IllegalStateException(
            "Backup "
                + backupId
                + " has no recorded VM configuration (it was taken before Sendense recorded them);"
                + " restore its disks instead");
      }
      return PointFiles.read(store, file);
    } catch (IOException e) {
      throw new IllegalStateException(
          "The VM configuration of backup " + backupId + " cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public PointDisk openDisk(long backupId, int diskKey) throws IOException {
    OpenedPoint opened;
    try {
      int index =
          points.get(backupId).disks().stream()
              .filter(d -> d.diskKey() == diskKey)
              .findFirst()
              .orElseThrow(
                  () -> new Refusal(404, "Backup " + backupId + " has no disk with key " + diskKey))
              .index();
      opened = sources.open(sources.image(backupId, index));
    } catch (Refusal e) {
      throw new IOException(e.getMessage(), e);
    }
    return new ChainPointDisk(opened.chain(), opened);
  }
}
