package io.sendense.webapp.source;

import java.util.List;

/** A discovered VM as the VMs page and {@code /api/v1/vm-contexts} show it. */
public record VmDto(
    long id,
    String name,
    long sourceId,
    String sourceName,
    String moref,
    String instanceUuid,
    String powerState,
    String guestOs,
    Integer cpus,
    Long memoryMb,
    String folderPath,
    boolean cbtEnabled,
    String state,
    List<String> groups,
    int diskCount,
    long totalBytes,
    String lastBackupStatus,
    List<Disk> disks) {

  /** The groups in short, as in "Finance +2 more"; empty when the VM is in none. */
  public String groupsSummary() {
    return switch (groups.size()) {
      case 0 -> "";
      case 1 -> groups.get(0);
      default -> groups.get(0) + " +" + (groups.size() - 1) + " more";
    };
  }

  /** One disk of the VM. */
  public record Disk(
      int deviceKey,
      String label,
      long capacityBytes,
      String datastore,
      String backingFile,
      Boolean thin,
      boolean cbtEnabled,
      String state) {}
}
