package io.sendense.persistence.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupDisk;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.backup.BackupType;
import io.sendense.persistence.backup.VerificationStatus;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.source.VmDisk;
import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lifecycle tables on real MariaDB: the sweep claim, the journal, parents and chains. */
@ExtendWith(MariaDbExtension.class)
class LifecycleStoreIT {
  private static final Instant DAY = Instant.parse("2026-03-29T03:00:00Z");
  private Catalog hubA;
  private Catalog hubB;
  private long vmDiskId;
  private long repositoryId;

  @BeforeEach
  void setUp(TestDatabase db) {
    TestDatabase.Schema schema = db.newSchema();
    hubA = new Catalog(schema);
    hubB = new Catalog(schema);
    hubA.run(
        em -> {
          Source source = Fixtures.source(em, "vc1");
          Vm vm = Fixtures.vm(em, source, "vm-1", "web01");
          VmDisk disk = Fixtures.disk(em, vm, 2000, 1 << 20);
          Repository repo = Fixtures.repository(em, "local", "local");
          em.flush();
          vmDiskId = disk.getId();
          repositoryId = repo.getId();
        });
  }

  @AfterEach
  void tearDown() {
    hubA.close();
    hubB.close();
  }

  @Test
  void twoHubsClaimingTheDailySweepTogetherRunItExactlyOnceADay() throws Exception {
    hubA.run(em -> new LifecycleStore(em).nextRun("retention-sweep", DAY));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int day = 0; day < 10; day++) {
        Instant now = DAY.plusSeconds(86_400L * day + 30);
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (Catalog hub : List.of(hubA, hubB)) {
          claims.add(
              pool.submit(
                  () -> {
                    together.await();
                    return hub.inTx(
                        em -> {
                          LifecycleStore store = new LifecycleStore(em);
                          Instant due = store.nextRun("retention-sweep", now);
                          return !due.isAfter(now)
                              && store.claim(
                                  "retention-sweep", due, due.plusSeconds(86_400), "hub");
                        });
                  }));
        }
        int won = (claims.get(0).get() ? 1 : 0) + (claims.get(1).get() ? 1 : 0);
        assertEquals(1, won, "day " + day + ": exactly one hub sweeps");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aPointFoundCorruptIsNoParentSoTheNextBackupIsAFull() {
    long[] ids = chain(3);
    assertEquals(ids[2], latestParent().longValue());
    hubA.run(
        em ->
            em.find(Backup.class, backupOf(em, ids[2]))
                .setVerificationStatus(VerificationStatus.CORRUPT));
    assertEquals(null, latestParent(), "no older point is taken instead");
    hubA.run(
        em ->
            em.find(Backup.class, backupOf(em, ids[2]))
                .setVerificationStatus(VerificationStatus.VERIFIED));
    assertEquals(ids[2], latestParent().longValue());
    hubA.run(em -> em.find(Backup.class, backupOf(em, ids[2])).setStatus(BackupStatus.DELETING));
    assertEquals(ids[1], latestParent().longValue(), "a DELETING point is no parent");
  }

  @Test
  void descendantsAndFilesOfAChain() {
    long[] ids = chain(4);
    List<Long> above =
        hubA.inTx(
            em -> {
              BackupStore store = new BackupStore(em);
              return store.descendantsOf(em.find(BackupDisk.class, ids[1])).stream()
                  .map(BackupDisk::getId)
                  .toList();
            });
    assertEquals(List.of(ids[2], ids[3]), above);
    boolean known =
        hubA.inTx(em -> new BackupStore(em).diskByFile(repositoryId, "vm-1/p2.qcow2").isPresent());
    boolean unknown =
        hubA.inTx(
            em -> new BackupStore(em).diskByFile(repositoryId, "vm-1/nope.qcow2").isPresent());
    assertTrue(known);
    assertFalse(unknown);
  }

  @Test
  void theJournalKeepsItsRowsWhenThePointGoesAndListsOnlyOpenOnes() {
    long[] ids = chain(2);
    long merge =
        hubA.inTx(
            em -> {
              ChainMerge m = new ChainMerge();
              m.setRepositoryId(repositoryId);
              m.setBackupId(backupOf(em, ids[0]));
              m.setKind(MergeKind.COMMIT);
              m.setDoomedFile("vm-1/p0.qcow2");
              m.setChildFile("vm-1/p1.qcow2");
              m.setRepointFiles(List.of("vm-1/a.qcow2", "vm-1/b.qcow2"));
              m.setReason("RETENTION");
              m.setState(MergeState.WRITING);
              return new LifecycleStore(em).save(m).getId();
            });
    assertEquals(
        List.of(merge),
        hubB.inTx(
            em -> new LifecycleStore(em).unfinished().stream().map(ChainMerge::getId).toList()));
    assertEquals(
        List.of("vm-1/a.qcow2", "vm-1/b.qcow2"),
        hubB.inTx(em -> new LifecycleStore(em).merge(merge).orElseThrow().getRepointFiles()));
    hubA.run(em -> em.find(ChainMerge.class, merge).setState(MergeState.DONE));
    int open = hubB.inTx(em -> new LifecycleStore(em).unfinished().size());
    assertEquals(0, open);
  }

  /** A chain of {@code n} COMPLETE points of the disk; returns their disk rows' ids. */
  private long[] chain(int n) {
    long[] ids = new long[n];
    hubA.run(
        em -> {
          BackupDisk parent = null;
          for (int i = 0; i < n; i++) {
            Backup b = new Backup();
            b.setVm(em.find(VmDisk.class, vmDiskId).getVm());
            b.setRepository(em.find(Repository.class, repositoryId));
            b.setBackupType(i == 0 ? BackupType.FULL : BackupType.INCREMENTAL);
            b.setStatus(BackupStatus.COMPLETE);
            b.setStartedAt(DAY.plusSeconds(i));
            em.persist(b);
            BackupDisk d = new BackupDisk();
            d.setBackup(b);
            d.setVmDisk(em.find(VmDisk.class, vmDiskId));
            d.setFileName("vm-1/p" + i + ".qcow2");
            d.setParent(parent);
            d.setChangeId("c" + i);
            d.setCapacityBytes(1 << 20);
            d.setStatus(BackupStatus.COMPLETE);
            d.setCompletedAt(DAY.plusSeconds(i));
            em.persist(d);
            em.flush();
            ids[i] = d.getId();
            parent = d;
          }
        });
    return ids;
  }

  private static long backupOf(jakarta.persistence.EntityManager em, long diskId) {
    return em.find(BackupDisk.class, diskId).getBackup().getId();
  }

  private Long latestParent() {
    return hubB.inTx(
        em ->
            new BackupStore(em)
                .latestCompleteDisk(
                    em.find(VmDisk.class, vmDiskId), em.find(Repository.class, repositoryId))
                .map(BackupDisk::getId)
                .orElse(null));
  }
}
