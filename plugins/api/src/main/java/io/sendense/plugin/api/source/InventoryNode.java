package io.sendense.plugin.api.source;

import java.util.Objects;

/**
 * A container in the source's inventory tree (datacenter, cluster, host or folder), so the hub can
 * show VMs where the administrator knows them.
 *
 * @param id opaque id given by the plugin, unique within the source
 * @param kind what the node is
 * @param name display name
 * @param parentId id of the parent node, or {@code null} for a top-level node
 */
public record InventoryNode(String id, Kind kind, String name, String parentId) {

  /** Kinds of inventory containers. */
  public enum Kind {
    DATACENTER,
    CLUSTER,
    HOST,
    FOLDER
  }

  public InventoryNode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }
}
