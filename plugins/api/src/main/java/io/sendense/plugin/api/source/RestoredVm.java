package io.sendense.plugin.api.source;

import java.util.List;
import java.util.Objects;

/**
 * A VM created by a restore, with where each recorded disk went. The host stores it, so that an
 * interrupted restore can go on with the same VM.
 *
 * @param vmId the new VM's id
 * @param name the new VM's name
 * @param disks one entry per recorded disk
 */
public record RestoredVm(String vmId, String name, List<Disk> disks) {

  /**
   * Where a recorded disk was created.
   *
   * @param key the recorded disk's key (as in {@link VmConfiguration.Disk#key()} and the restore
   *     point)
   * @param capacityBytes its size
   * @param location the plugin's name for the new disk (vSphere: its datastore path)
   */
  public record Disk(int key, long capacityBytes, String location) {
    public Disk {
      Objects.requireNonNull(location, "location");
    }
  }

  public RestoredVm {
    Objects.requireNonNull(vmId, "vmId");
    Objects.requireNonNull(name, "name");
    disks = List.copyOf(disks);
  }

  /**
   * The new disk for a recorded disk key.
   *
   * @throws SourceException {@link SourceProblem#NOT_FOUND} if there is none
   */
  public Disk disk(int key) throws SourceException {
    return disks.stream()
        .filter(d -> d.key() == key)
        .findFirst()
        .orElseThrow(
            () ->
                new SourceException(
                    SourceProblem.NOT_FOUND, "Restored VM " + name + " has no disk for " + key));
  }
}
