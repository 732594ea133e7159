package io.sendense.plugin.api.source;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to create when a VM is restored: the recorded configuration under a new name, where to put
 * it, how to map its networks and provision its disks.
 *
 * @param name the new VM's name
 * @param configuration the configuration recorded with the restore point
 * @param placement where to create it (empty fields: the plugin's defaults)
 * @param networkMap recorded network name to the network to connect to instead; networks not in the
 *     map keep their name
 * @param diskProvisioning provisioning for every disk, or {@code null} to keep each disk's
 * @param keepMacAddresses whether adapters keep their recorded MAC addresses (only when the VM
 *     replaces the original; a copy next to the original must get new ones)
 * @param restoreTag an opaque mark the plugin stores with the new VM, so that a VM half-made by an
 *     interrupted restore can be found again and removed ({@link VmRestore#deleteTagged})
 */
public record VmRestoreSpec(
    String name,
    VmConfiguration configuration,
    VmPlacement placement,
    Map<String, String> networkMap,
    VmConfiguration.Provisioning diskProvisioning,
    boolean keepMacAddresses,
    String restoreTag) {

  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public VmRestoreSpec {
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(placement, "placement");
    networkMap = Map.copyOf(networkMap);
    if (name == null || name.isBlank() || name.length() > 80) {
      throw new IllegalArgumentException("A VM name needs 1 to 80 characters, not '" + name + "'");
    }
    if (restoreTag == null || !TAG.matcher(restoreTag).matches()) {
      throw new IllegalArgumentException(
          "restoreTag must be 1-64 letters, digits, '.', '-' or '_', not '" + restoreTag + "'");
    }
  }

  /** The network an adapter recorded on {@code network} connects to. */
  public String targetNetwork(String network) {
    return networkMap.getOrDefault(network, network);
  }

  /** The provisioning of a recorded disk. */
  public VmConfiguration.Provisioning provisioningOf(VmConfiguration.Disk disk) {
    return diskProvisioning == null ? disk.provisioning() : diskProvisioning;
  }
}
