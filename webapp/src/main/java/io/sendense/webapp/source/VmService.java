package io.sendense.webapp.source;

import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.source.VmDisk;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/** Discovered VMs with their disks, groups and last backup, for the VMs page and the API. */
@ApplicationScoped
@Transactional
public class VmService {
  @Inject SourceStore store;
  @Inject BackupStore backups;

  /** Every VM matching; read without a transaction, a few queries whatever the count. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<VmDto> search(Long sourceId, String name, Long groupId, boolean includeGone) {
    return dtos(store.searchVms(sourceId, name, groupId, includeGone));
  }

  /** A page of VMs, by name, with the total. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<VmDto> page(
      Long sourceId, String name, Long groupId, boolean includeGone, int offset, int limit) {
    return page(sourceId, name, groupId, includeGone, "name", offset, limit);
  }

  /**
   * A page of VMs sorted by {@code sort} (a field of {@link SourceStore#VM_SORTS}, descending with
   * a leading {@code -}), with the total.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<VmDto> page(
      Long sourceId,
      String name,
      Long groupId,
      boolean includeGone,
      String sort,
      int offset,
      int limit) {
    List<VmDto> items = rows(sourceId, name, groupId, includeGone, sort, offset, limit);
    return Page.counted(
        items, offset, limit, () -> store.countVms(sourceId, name, groupId, includeGone));
  }

  /** The VMs of {@link #page} without the total (a lazy table counts first). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<VmDto> rows(
      Long sourceId,
      String name,
      Long groupId,
      boolean includeGone,
      String sort,
      int offset,
      int limit) {
    String field = sort == null || sort.isBlank() ? "name" : sort.strip();
    boolean descending = field.startsWith("-");
    field = descending ? field.substring(1) : field;
    if (!SourceStore.VM_SORTS.containsKey(field)) {
      throw new Refusal(
          400,
          "sort must be one of "
              + String.join(", ", new java.util.TreeSet<>(SourceStore.VM_SORTS.keySet()))
              + " (a leading - sorts descending), not "
              + sort);
    }
    return dtos(
        store.searchVms(sourceId, name, groupId, includeGone, field, descending, offset, limit));
  }

  /** How many VMs {@link #page} pages through. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public long count(Long sourceId, String name, Long groupId, boolean includeGone) {
    return store.countVms(sourceId, name, groupId, includeGone);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public VmDto get(long id) {
    return store
        .vm(id)
        .map(vm -> dtos(List.of(vm)).get(0))
        .orElseThrow(() -> new Refusal(404, "No VM with id " + id));
  }

  private List<VmDto> dtos(List<Vm> vms) {
    List<Long> ids = vms.stream().map(Vm::getId).toList();
    Map<Long, List<VmDisk>> disks = store.disksOf(ids);
    Map<Long, List<String>> groups = store.groupNamesOf(ids);
    Map<Long, BackupStatus> latest = backups.latestStatusOf(ids);
    return vms.stream()
        .map(
            vm ->
                toDto(
                    vm,
                    disks.getOrDefault(vm.getId(), List.of()),
                    groups.getOrDefault(vm.getId(), List.of()),
                    latest.get(vm.getId())))
        .toList();
  }

  private static VmDto toDto(
      Vm vm, List<VmDisk> disks, List<String> groups, BackupStatus lastBackup) {
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
        groups,
        diskDtos.size(),
        total,
        lastBackup == null ? null : lastBackup.name(),
        diskDtos);
  }
}
