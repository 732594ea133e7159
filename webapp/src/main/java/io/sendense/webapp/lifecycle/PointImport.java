package io.sendense.webapp.lifecycle;

import io.sendense.image.point.PointManifest;
import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupDisk;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.backup.BackupType;
import io.sendense.persistence.common.PresenceState;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.source.VmDisk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Puts a restore point described by a manifest into the catalog, inside the caller's transaction:
 * its VM (found by source endpoint and moref, else created as GONE under the source, else under a
 * disabled "imported" source for the repository), the VM's disks, the backup and its disk images
 * with their parents (imported before, oldest first) and recorded facts. Checks everything before
 * it writes anything, so a bad manifest changes nothing.
 */
@ApplicationScoped
public class PointImport {
  static final String IMPORTED_PLUGIN = "imported";

  @Inject Clock clock;
  @Inject SourceStore sources;
  @Inject BackupStore backups;

  /**
   * @throws IllegalArgumentException if the manifest lacks what a point needs, or names a parent
   *     image the catalog does not have
   */
  public RescanReport.Imported importPoint(Repository repository, String folder, PointManifest m) {
    if (m.disks().isEmpty()) {
      throw new IllegalArgumentException("the manifest lists no disks");
    }
    if (m.vm().moref() == null || m.vm().name() == null) {
      throw new IllegalArgumentException("the manifest does not name the VM (name and moref)");
    }
    Map<Integer, BackupDisk> parents = parents(repository, folder, m);
    Vm vm = vm(repository, m.vm());
    Map<Integer, VmDisk> disks =
        sources.disksOf(vm).stream().collect(Collectors.toMap(VmDisk::getDeviceKey, d -> d));
    Backup b = new Backup();
    b.setVm(vm);
    b.setRepository(repository);
    b.setBackupType(parents.isEmpty() ? BackupType.FULL : BackupType.INCREMENTAL);
    b.setStatus(BackupStatus.COMPLETE);
    b.setStartedAt(m.startedAt() == null ? clock.instant() : m.startedAt());
    b.setCompletedAt(m.completedAt());
    b.setManifestName(m.point());
    b.setBytesWritten(
        m.disks().stream().mapToLong(d -> d.image() == null ? 0 : d.image().fileSize()).sum());
    backups.save(b);
    for (PointManifest.Disk d : m.disks()) {
      VmDisk vmDisk = disks.computeIfAbsent(d.key(), k -> newDisk(vm, d));
      BackupDisk row = new BackupDisk();
      row.setBackup(b);
      row.setVmDisk(vmDisk);
      row.setDiskIndex(d.index());
      row.setLabel(d.label());
      row.setFileName(RepositoryRescan.join(folder, d.file()));
      row.setParent(parents.get(d.index()));
      row.setChangeId(d.changeId());
      row.setCapacityBytes(d.capacity());
      row.setStatus(BackupStatus.COMPLETE);
      row.setStartedAt(b.getStartedAt());
      row.setCompletedAt(b.getCompletedAt());
      if (d.image() != null) {
        ManifestService.record(row, d.image(), clock.instant());
        row.setBytesWritten(d.image().fileSize());
      }
      backups.saveDisk(row);
    }
    return new RescanReport.Imported(m.point(), b.getId(), vm.getName(), vm.getId());
  }

  private Map<Integer, BackupDisk> parents(Repository repository, String folder, PointManifest m) {
    Map<Integer, BackupDisk> parents = new java.util.HashMap<>();
    for (PointManifest.Disk d : m.disks()) {
      if (d.parentFile() == null) {
        continue;
      }
      String name = RepositoryRescan.join(folder, d.parentFile());
      BackupDisk parent =
          backups
              .diskByFile(repository.getId(), name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "disk " + d.index() + " is built on " + name + ", which no point has"));
      parents.put(d.index(), parent);
    }
    return parents;
  }

  private Vm vm(Repository repository, PointManifest.Vm v) {
    Source source =
        Optional.ofNullable(v.sourceHost())
            .flatMap(h -> sources.byEndpoint(h, v.sourcePort() == null ? 443 : v.sourcePort()))
            .orElseGet(() -> importedSource(repository));
    Optional<Vm> known = sources.vmByMoref(source, v.moref());
    if (known.isPresent()) {
      return known.get();
    }
    Vm vm = new Vm();
    vm.setSource(source);
    vm.setMoref(v.moref());
    vm.setName(v.name());
    vm.setInstanceUuid(v.instanceUuid());
    vm.setState(PresenceState.GONE);
    return sources.saveVm(vm);
  }

  /** A disabled source that holds the VMs of points imported into a repository. */
  private Source importedSource(Repository repository) {
    String host = "imported-repository-" + repository.getId();
    return sources
        .byEndpoint(host, 0)
        .orElseGet(
            () -> {
              Source s = new Source();
              s.setName("Imported from repository " + repository.getName());
              s.setPluginId(IMPORTED_PLUGIN);
              s.setHost(host);
              s.setPort(0);
              s.setUsername("-");
              s.setEnabled(false);
              return sources.save(s);
            });
  }

  private VmDisk newDisk(Vm vm, PointManifest.Disk d) {
    VmDisk disk = new VmDisk();
    disk.setVm(vm);
    disk.setDeviceKey(d.key());
    disk.setLabel(d.label());
    disk.setCapacityBytes(d.capacity());
    disk.setState(PresenceState.GONE);
    return sources.saveDisk(disk);
  }
}
