package io.sendense.persistence.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.HeldTransaction;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import jakarta.persistence.PersistenceException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link BackupStore#lockedById}: while one transaction plans the removal of a point, a second one
 * waits for the point instead of reading it, so it sees the first's DELETING.
 */
@ExtendWith(MariaDbExtension.class)
class BackupLockIT {
  private Catalog first;
  private Catalog second;
  private long backupId;

  @BeforeEach
  void setUp(TestDatabase db) {
    TestDatabase.Schema schema = db.newSchema();
    first = new Catalog(schema);
    second = new Catalog(schema);
    backupId =
        first.inTx(
            em -> {
              Backup b = new Backup();
              b.setVm(Fixtures.vm(em, Fixtures.source(em, "vc1"), "vm-1", "web01"));
              b.setRepository(Fixtures.repository(em, "local", "local"));
              b.setBackupType(BackupType.FULL);
              b.setStatus(BackupStatus.COMPLETE);
              em.persist(b);
              em.flush();
              return b.getId();
            });
  }

  @AfterEach
  void tearDown() {
    first.close();
    second.close();
  }

  @Test
  void aLockedPointMakesASecondLockerWaitUntilTheFirstCommits() throws Exception {
    try (HeldTransaction held =
        HeldTransaction.hold(
            first,
            em ->
                new BackupStore(em)
                    .lockedById(backupId)
                    .orElseThrow()
                    .setStatus(BackupStatus.DELETING))) {
      assertThrows(PersistenceException.class, () -> lockWithin(1), "the point is held");
      assertEquals(
          BackupStatus.COMPLETE,
          second.inTx(em -> new BackupStore(em).byId(backupId).orElseThrow().getStatus()),
          "a plain read does not wait (and sees the committed state)");

      held.commit();
      assertEquals(BackupStatus.DELETING, lockWithin(10), "the second sees what the first did");
      assertEquals(
          Optional.empty(),
          second.inTx(em -> new BackupStore(em).lockedById(backupId + 1000).map(Backup::getId)));
    }
  }

  /** Locks the point in the second catalog, waiting at most {@code seconds}; its status. */
  private BackupStatus lockWithin(int seconds) {
    return HeldTransaction.waitingAtMost(
        second, seconds, em -> new BackupStore(em).lockedById(backupId).orElseThrow().getStatus());
  }
}
