package io.sendense.persistence.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** VM lookups on real MariaDB. */
@ExtendWith(MariaDbExtension.class)
class SourceStoreIT {
  private Catalog catalog;
  private long vc1;
  private long vc2;
  private long web01;
  private long web01OnVc2;

  @BeforeEach
  void setUp(TestDatabase db) {
    catalog = new Catalog(db.newSchema());
    catalog.run(
        em -> {
          Source first = Fixtures.source(em, "vc1");
          Source second = Fixtures.source(em, "vc2");
          Vm a = Fixtures.vm(em, first, "vm-42", "web01");
          Fixtures.vm(em, first, "vm-43", "web02");
          Vm b = Fixtures.vm(em, second, "vm-42", "web01 (dr site)");
          em.flush();
          vc1 = first.getId();
          vc2 = second.getId();
          web01 = a.getId();
          web01OnVc2 = b.getId();
        });
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  private Optional<Long> byMoref(long sourceId, String moref) {
    return catalog.inTx(
        em -> {
          SourceStore store = new SourceStore(em);
          return store.vmByMoref(store.byId(sourceId).orElseThrow(), moref).map(Vm::getId);
        });
  }

  @Test
  void aVmIsFoundByItsMorefWithinItsSourceOnly() {
    assertEquals(Optional.of(web01), byMoref(vc1, "vm-42"));
    assertEquals(
        Optional.of(web01OnVc2), byMoref(vc2, "vm-42"), "the same moref on another vCenter");
    assertEquals(Optional.empty(), byMoref(vc2, "vm-43"), "vm-43 is known on vc1 only");
    assertEquals(Optional.empty(), byMoref(vc1, "vm-4"), "no prefix match");
  }
}
