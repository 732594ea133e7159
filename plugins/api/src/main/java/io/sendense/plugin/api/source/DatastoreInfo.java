package io.sendense.plugin.api.source;

import java.util.Objects;

/**
 * A datastore of the source with its space, shown next to the VMs whose disks live on it.
 *
 * @param id opaque id, unique within the source
 * @param name display name, as used in datastore paths ("[name] folder/file.vmdk")
 * @param datacenterId id of the datacenter node the datastore belongs to
 * @param capacityBytes total size
 * @param freeBytes free space
 */
public record DatastoreInfo(
    String id, String name, String datacenterId, long capacityBytes, long freeBytes) {

  public DatastoreInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (capacityBytes < 0 || freeBytes < 0 || freeBytes > capacityBytes) {
      throw new IllegalArgumentException(
          "Datastore " + name + ": free " + freeBytes + " of capacity " + capacityBytes);
    }
  }
}
