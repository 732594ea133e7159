package io.sendense.webapp.vmrestore;

import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmPlacement;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the "Restore VM" steps of the Restore page collect, filled with the defaults (same source,
 * the recorded place, networks mapped to themselves) and turned into a {@link VmRestoreRequest}.
 */
public class VmRestoreForm implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One recorded network and where its adapters connect in the restored VM. */
  public static class NetworkRow implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String from;
    private String to;

    NetworkRow(String from) {
      this.from = from;
      this.to = from;
    }

    public String getFrom() {
      return from;
    }

    public String getTo() {
      return to;
    }

    public void setTo(String to) {
      this.to = to;
    }
  }

  private Long backupId;
  private Long sourceId;
  private String name;
  private String datacenter;
  private String folder;
  private String cluster;
  private String host;
  private String resourcePool;
  private String datastore;
  private String provisioning = "as-recorded";
  private boolean powerOn;
  private boolean replaceOriginal;
  private String confirmName;
  private final List<NetworkRow> networks = new ArrayList<>();

  /** Starts over for a point: the recorded place and networks are the defaults. */
  void reset(long backupId, long sourceId, VmConfiguration recorded) {
    VmPlacement p = recorded.placement();
    this.backupId = backupId;
    this.sourceId = sourceId;
    this.name = null;
    this.datacenter = p.datacenter();
    this.folder = p.folder();
    this.cluster = p.cluster();
    this.host = p.host();
    this.resourcePool = p.resourcePool();
    this.datastore = p.datastore();
    this.provisioning = "as-recorded";
    this.powerOn = false;
    this.replaceOriginal = false;
    this.confirmName = null;
    networks.clear();
    recorded.networks().forEach(n -> networks.add(new NetworkRow(n)));
  }

  VmRestoreRequest request() {
    Map<String, String> map = new LinkedHashMap<>();
    for (NetworkRow row : networks) {
      if (row.to != null && !row.to.isBlank() && !row.to.strip().equals(row.from)) {
        map.put(row.from, row.to.strip());
      }
    }
    return new VmRestoreRequest(
        backupId,
        sourceId,
        replaceOriginal ? null : name,
        datacenter,
        folder,
        cluster,
        host,
        resourcePool,
        datastore,
        map,
        provisioning,
        powerOn,
        replaceOriginal,
        confirmName);
  }

  public Long getBackupId() {
    return backupId;
  }

  public Long getSourceId() {
    return sourceId;
  }

  public void setSourceId(Long sourceId) {
    this.sourceId = sourceId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDatacenter() {
    return datacenter;
  }

  public void setDatacenter(String datacenter) {
    this.datacenter = datacenter;
  }

  public String getFolder() {
    return folder;
  }

  public void setFolder(String folder) {
    this.folder = folder;
  }

  public String getCluster() {
    return cluster;
  }

  public void setCluster(String cluster) {
    this.cluster = cluster;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public String getResourcePool() {
    return resourcePool;
  }

  public void setResourcePool(String resourcePool) {
    this.resourcePool = resourcePool;
  }

  public String getDatastore() {
    return datastore;
  }

  public void setDatastore(String datastore) {
    this.datastore = datastore;
  }

  public String getProvisioning() {
    return provisioning;
  }

  public void setProvisioning(String provisioning) {
    this.provisioning = provisioning;
  }

  public boolean isPowerOn() {
    return powerOn;
  }

  public void setPowerOn(boolean powerOn) {
    this.powerOn = powerOn;
  }

  public boolean isReplaceOriginal() {
    return replaceOriginal;
  }

  public void setReplaceOriginal(boolean replaceOriginal) {
    this.replaceOriginal = replaceOriginal;
  }

  public String getConfirmName() {
    return confirmName;
  }

  public void setConfirmName(String confirmName) {
    this.confirmName = confirmName;
  }

  public List<NetworkRow> getNetworks() {
    return networks;
  }
}
