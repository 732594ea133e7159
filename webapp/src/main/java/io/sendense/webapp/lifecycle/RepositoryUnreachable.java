package io.sendense.webapp.lifecycle;

/**
 * The hub does not open this repository's files: it is placed on a node and reachable only there
 * ({@link io.sendense.persistence.node.Placement#unreachableFromHub}). Not a verdict on any point:
 * whoever gets it leaves the points as they were and says why, or hands the work to the node.
 */
public class RepositoryUnreachable extends IllegalStateException {
  private final String reason;
  private final long nodeId;
  private final String nodeName;

  /**
   * @param reason "repository 'R' is reachable from node 'N' only"
   */
  public RepositoryUnreachable(String reason, long nodeId, String nodeName) {
    super(
        Character.toUpperCase(reason.charAt(0))
            + reason.substring(1)
            + "; the hub does not open it");
    this.reason = reason;
    this.nodeId = nodeId;
    this.nodeName = nodeName;
  }

  /** "repository 'R' is reachable from node 'N' only". */
  public String reason() {
    return reason;
  }

  /** The node that reaches the repository. */
  public long nodeId() {
    return nodeId;
  }

  public String nodeName() {
    return nodeName;
  }
}
