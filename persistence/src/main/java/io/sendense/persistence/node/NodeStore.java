package io.sendense.persistence.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Nodes and their pairing tokens. */
@ApplicationScoped
public class NodeStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected NodeStore() {}

  public NodeStore(EntityManager em) {
    this.em = em;
  }

  public List<Node> all() {
    return em.createNamedQuery("Node.all", Node.class).getResultList();
  }

  public Optional<Node> byId(long id) {
    return Optional.ofNullable(em.find(Node.class, id));
  }

  public Optional<Node> bySerial(String serial) {
    return em.createNamedQuery("Node.bySerial", Node.class)
        .setParameter("serial", serial)
        .getResultStream()
        .findFirst();
  }

  public Optional<Node> byName(String name) {
    return em.createNamedQuery("Node.byName", Node.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  public Node save(Node node) {
    if (node.getId() == null) {
      em.persist(node);
      em.flush();
      return node;
    }
    return em.merge(node);
  }

  public PairingToken saveToken(PairingToken token) {
    em.persist(token);
    em.flush();
    return token;
  }

  /** The token with this hash, locked for the pairing that may spend it. */
  public Optional<PairingToken> tokenForUpdate(String sha256) {
    return em.createNamedQuery("PairingToken.byHash", PairingToken.class)
        .setParameter("hash", sha256)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst();
  }

  /**
   * Records contact without touching the row's version (polls arrive while an admin renames or
   * drains the node). Native SQL: EclipseLink's JPQL bulk update increments the version.
   */
  public void contact(long nodeId, Instant at, String address, String version, String health) {
    em.createNativeQuery(
            "UPDATE nodes SET last_seen_at = ?, address = ?, version_string = ?, health_json = ?"
                + " WHERE id = ?")
        .setParameter(1, Timestamp.from(at))
        .setParameter(2, address)
        .setParameter(3, version)
        .setParameter(4, health)
        .setParameter(5, nodeId)
        .executeUpdate();
  }
}
