package io.sendense.plugin.api.source;

/**
 * Where a VM lives or is to be created, by the names an administrator sees. Every field may be
 * empty: for a restore target an empty field means "the plugin's default" (for example the root VM
 * folder, or the cluster's root resource pool).
 *
 * @param datacenter the datacenter's name
 * @param folder the VM folder below the datacenter's root VM folder, "/"-separated ("prod/web"),
 *     empty for the root
 * @param cluster the cluster's name
 * @param host the host's name
 * @param resourcePool the resource pool's name, empty for the root pool of the cluster or host
 * @param datastore the datastore that holds the VM's configuration and disks
 */
public record VmPlacement(
    String datacenter,
    String folder,
    String cluster,
    String host,
    String resourcePool,
    String datastore) {

  /** Nothing known. */
  public static final VmPlacement UNKNOWN = new VmPlacement("", "", "", "", "", "");

  public VmPlacement {
    datacenter = clean(datacenter);
    folder = trimSlashes(clean(folder));
    cluster = clean(cluster);
    host = clean(host);
    resourcePool = clean(resourcePool);
    datastore = clean(datastore);
  }

  /** This placement with every empty field taken from {@code defaults}. */
  public VmPlacement orElse(VmPlacement defaults) {
    return new VmPlacement(
        datacenter.isEmpty() ? defaults.datacenter : datacenter,
        folder.isEmpty() && datacenter.isEmpty() ? defaults.folder : folder,
        cluster.isEmpty() && host.isEmpty() ? defaults.cluster : cluster,
        host.isEmpty() && cluster.isEmpty() ? defaults.host : host,
        resourcePool.isEmpty() && cluster.isEmpty() && host.isEmpty()
            ? defaults.resourcePool
            : resourcePool,
        datastore.isEmpty() ? defaults.datastore : datastore);
  }

  private static String clean(String value) {
    return value == null ? "" : value.strip();
  }

  private static String trimSlashes(String value) {
    String v = value;
    while (v.startsWith("/")) {
      v = v.substring(1);
    }
    while (v.endsWith("/")) {
      v = v.substring(0, v.length() - 1);
    }
    return v;
  }
}
