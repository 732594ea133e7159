package io.sendense.webapp.node;

import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.shell.Messages;
import io.sendense.webapp.source.SourceDto;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Sources page's "Backups run on" column: an admin places a source's backups on a node or back
 * on the hub (the same service call and audit entry as {@code PUT /api/v1/sources/{id}/node}). It
 * lives here, not in the source package, because placement is the node feature's rule.
 */
@Named
@ViewScoped
public class SourcePlacementView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient NodeService nodes;
  @Inject transient AuditService audit;
  @Inject transient SecurityContext security;

  private transient List<NodeDto> placeable;
  private final Map<Long, Long> chosen = new HashMap<>();
  private final Map<Long, Long> placedOn = new HashMap<>();

  /** The nodes a source can be placed on: not revoked (a draining node keeps its sources). */
  public List<NodeDto> getNodes() {
    if (placeable == null) {
      placeable = nodes.placeableNodes();
    }
    return placeable;
  }

  /** The node chosen per source id, starting from where each source runs. */
  public Map<Long, Long> getChosen() {
    return chosen;
  }

  /** Seeds the row's choice from the catalog (called while the row renders). */
  public SourceDto seed(SourceDto row) {
    if (!placedOn.containsKey(row.id())) {
      placedOn.put(row.id(), row.nodeId());
      chosen.put(row.id(), row.nodeId());
    }
    return row;
  }

  /** Places the row's source where the user chose. */
  public void place(SourceDto row) {
    Long nodeId = chosen.get(row.id());
    if (Objects.equals(nodeId, placedOn.get(row.id()))) {
      return;
    }
    try {
      SourceDto placed = nodes.place(row.id(), nodeId);
      placedOn.put(row.id(), nodeId);
      String where = nodeId == null ? "hub" : placed.nodeName();
      audit.record(
          security.getCallerPrincipal().getName(),
          "source.node",
          placed.name() + " -> " + where,
          AuditService.SUCCESS,
          null,
          null);
      Messages.info(
          "Backups of " + placed.name() + " run on " + (nodeId == null ? "the hub" : where),
          nodeId == null
              ? null
              : "A flow's or a repository's node, where one is chosen, decides first");
    } catch (Refusal e) {
      chosen.put(row.id(), placedOn.get(row.id()));
      Messages.error("Not placed", e.getMessage());
    }
  }
}
