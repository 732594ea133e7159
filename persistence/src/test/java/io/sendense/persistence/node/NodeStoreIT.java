package io.sendense.persistence.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A node's polls on MariaDB: they never make an admin's change of the node fail. */
@ExtendWith(MariaDbExtension.class)
class NodeStoreIT {
  private Catalog catalog;
  private long nodeId;

  @BeforeEach
  void setUp(TestDatabase db) {
    catalog = new Catalog(db.newSchema());
    nodeId =
        catalog.inTx(
            em -> {
              Node node = new Node();
              node.setName("node-a");
              em.persist(node);
              em.flush();
              return node.getId();
            });
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  @Test
  void aPollBetweenReadingAndSavingTheNodeLeavesTheAdminsDrainStanding() {
    Instant seen = Instant.parse("2026-07-01T10:00:00Z");
    catalog.run(
        em -> {
          Node node = em.find(Node.class, nodeId);
          catalog.run(
              other ->
                  new NodeStore(other)
                      .contact(nodeId, seen, "10.0.0.7:8443", "0.9.0", "{\"cpus\":2}"));
          node.setDraining(true);
        });
    catalog.run(
        em -> {
          Node node = em.find(Node.class, nodeId);
          assertTrue(node.isDraining());
          assertEquals(seen, node.getLastSeenAt());
          assertEquals("10.0.0.7:8443", node.getAddress());
          assertEquals("0.9.0", node.getVersionString());
          assertEquals("{\"cpus\":2}", node.getHealthJson());
        });
  }
}
