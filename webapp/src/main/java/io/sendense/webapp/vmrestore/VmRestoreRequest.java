package io.sendense.webapp.vmrestore;

import java.util.Map;

/**
 * A request to restore a whole VM, as the API and the page send it. Only {@code backupId} is
 * required: the rest defaults to the same vCenter, the same place as recorded with the point, the
 * name "&lt;vm&gt;-restored-&lt;date&gt;", disks provisioned as recorded, powered off.
 *
 * @param backupId the restore point
 * @param sourceId the source to restore into (default: the point's VM's source)
 * @param name the new VM's name
 * @param datacenter target datacenter name
 * @param folder VM folder below the datacenter's root ("prod/web")
 * @param cluster target cluster name
 * @param host target host name
 * @param resourcePool target resource pool name
 * @param datastore target datastore name
 * @param networkMap recorded network name to target network name
 * @param diskProvisioning {@code thin}, {@code thick}, {@code eager}, or blank for as recorded
 * @param powerOn power the VM on at the end
 * @param replaceOriginal restore over the original VM (it must be powered off)
 * @param confirmName the original VM's name, typed to confirm {@code replaceOriginal}
 */
public record VmRestoreRequest(
    Long backupId,
    Long sourceId,
    String name,
    String datacenter,
    String folder,
    String cluster,
    String host,
    String resourcePool,
    String datastore,
    Map<String, String> networkMap,
    String diskProvisioning,
    boolean powerOn,
    boolean replaceOriginal,
    String confirmName) {

  public VmRestoreRequest {
    networkMap = networkMap == null ? Map.of() : Map.copyOf(networkMap);
  }
}
