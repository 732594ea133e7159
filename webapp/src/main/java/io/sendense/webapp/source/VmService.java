package io.sendense.webapp.source;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.VmContext;
import io.sendense.persistence.source.VmDisk;
import io.sendense.webapp.common.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/** Discovered VMs with their disks, groups and last backup, for the VMs page and the API. */
@ApplicationScoped
@Transactional
public class VmService {
  @Inject SourceStore store;
  @Inject BackupStore backups;

  public List<VmDto> search(Long sourceId, String name, Long groupId, boolean includeGone) {
    return store.searchVms(sourceId, name, groupId, includeGone).stream().map(this::toDto).toList();
  }

  public VmDto get(long id) {
    return store.vm(id).map(this::toDto).orElseThrow(() -> new Refusal(404, "No VM with id " + id));
  }

  private VmDto toDto(VmContext vm) {
    List<VmDisk> disks = store.disksOf(vm);
    List<VmDto.Disk> diskDtos =
        disks.stream()
            .map(
                d ->
                    new VmDto.Disk(
                        d.getDeviceKey(),
                        d.getLabel(),
                        d.getCapacityBytes(),
                        d.getDatastore(),
                        d.getBackingFile(),
                        d.getThin(),
                        d.isCbtEnabled(),
                        d.getState().name()))
            .toList();
    long total =
        disks.stream()
            .filter(d -> d.getState().name().equals("PRESENT"))
            .mapToLong(VmDisk::getCapacityBytes)
            .sum();
    String lastBackup = backups.latestOf(vm).map(Backup::getStatus).map(Enum::name).orElse(null);
    return new VmDto(
        vm.getId(),
        vm.getName(),
        vm.getSource().getId(),
        vm.getSource().getName(),
        vm.getMoref(),
        vm.getInstanceUuid(),
        vm.getPowerState(),
        vm.getGuestOs(),
        vm.getCpus(),
        vm.getMemoryMb(),
        vm.getFolderPath(),
        vm.isCbtEnabled(),
        vm.getState().name(),
        store.groupNamesOf(vm),
        diskDtos.size(),
        total,
        lastBackup,
        diskDtos);
  }
}
