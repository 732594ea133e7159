package io.sendense.persistence.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.common.Keyset;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.source.VmDisk;
import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class BackupStoreIT {
  private Catalog catalog;
  private long vmId;
  private long diskId;
  private long repoId;

  @BeforeEach
  void setUp(TestDatabase db) {
    catalog = new Catalog(db.newSchema());
    catalog.run(
        em -> {
          Source source = Fixtures.source(em, "vc1");
          Vm vm = Fixtures.vm(em, source, "vm-42", "web01");
          VmDisk disk = Fixtures.disk(em, vm, 2000, 1L << 30);
          Repository repo = Fixtures.repository(em, "local", "local");
          em.flush();
          vmId = vm.getId();
          diskId = disk.getId();
          repoId = repo.getId();
        });
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  private long point(BackupStatus status, Long parentDiskId, Instant completed) {
    return catalog.inTx(
        em -> {
          Backup b = new Backup();
          b.setVm(em.find(Vm.class, vmId));
          b.setRepository(em.find(Repository.class, repoId));
          b.setBackupType(parentDiskId == null ? BackupType.FULL : BackupType.INCREMENTAL);
          b.setStatus(status);
          b.setCompletedAt(completed);
          em.persist(b);
          BackupDisk d = new BackupDisk();
          d.setBackup(b);
          d.setVmDisk(em.find(VmDisk.class, diskId));
          d.setDiskIndex(0);
          d.setFileName("web01/" + completed.toEpochMilli() + ".qcow2");
          d.setParent(parentDiskId == null ? null : em.find(BackupDisk.class, parentDiskId));
          d.setStatus(status);
          d.setCompletedAt(completed);
          d.setCapacityBytes(1L << 30);
          em.persist(d);
          em.flush();
          return d.getId();
        });
  }

  @Test
  void searchPagesNewestFirstWithTheirVmAndRepositoryAndFilters() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    long[] points = new long[5];
    for (int i = 0; i < points.length; i++) {
      long disk =
          point(i == 3 ? BackupStatus.FAILED : BackupStatus.COMPLETE, null, t0.plusSeconds(i));
      points[i] = catalog.inTx(em -> em.find(BackupDisk.class, disk).getBackup().getId());
    }
    // the 2nd and 3rd start at the same second: the id breaks the tie, newest first
    catalog.run(
        em -> {
          for (int i = 0; i < points.length; i++) {
            em.find(Backup.class, points[i]).setStartedAt(t0.plusSeconds(i == 2 ? 1 : i));
          }
        });
    BackupStore.Filter all = new BackupStore.Filter(null, null, null, null);
    assertEquals(
        List.of(points[4], points[3], points[2], points[1], points[0]), search(all, 0, 10));
    assertEquals(List.of(points[2], points[1]), search(all, 2, 2));
    assertEquals(List.of(), search(all, 5, 2));
    // after a row: the same order, from the next one (the tie of the 2nd and 3rd by id)
    Keyset afterThird = new Keyset(t0.plusSeconds(1), points[2]);
    assertEquals(
        List.of(points[1], points[0]),
        catalog.inTx(
            em ->
                new BackupStore(em)
                    .search(all, afterThird, 0, 10).stream().map(Backup::getId).toList()));
    Keyset afterFourth = new Keyset(t0.plusSeconds(3), points[3]);
    BackupStore.Filter complete = new BackupStore.Filter(null, BackupStatus.COMPLETE, null, null);
    assertEquals(
        List.of(points[2]),
        catalog.inTx(
            em ->
                new BackupStore(em)
                    .search(complete, afterFourth, 0, 1).stream().map(Backup::getId).toList()));
    assertEquals(
        List.of(points[4], points[2], points[1], points[0]),
        search(new BackupStore.Filter(" WEB0", BackupStatus.COMPLETE, repoId, vmId), 0, 10));
    assertEquals(List.of(), search(new BackupStore.Filter("db", null, null, null), 0, 10));
    List<String> loaded =
        catalog.inTx(
            em ->
                new BackupStore(em)
                    .search(all, 0, 1).stream()
                        .map(b -> b.getVm().getName() + " in " + b.getRepository().getName())
                        .toList());
    assertEquals(List.of("web01 in local"), loaded);
    assertEquals(
        4L,
        (long)
            catalog.inTx(
                em ->
                    new BackupStore(em)
                        .count(new BackupStore.Filter(null, BackupStatus.COMPLETE, null, null))));
  }

  private List<Long> search(BackupStore.Filter filter, int offset, int limit) {
    return catalog.inTx(
        em ->
            new BackupStore(em).search(filter, offset, limit).stream().map(Backup::getId).toList());
  }

  @Test
  void latestCompleteDiskIgnoresFailedAndRunningPoints() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    long full = point(BackupStatus.COMPLETE, null, t0);
    long incr = point(BackupStatus.COMPLETE, full, t0.plusSeconds(60));
    point(BackupStatus.FAILED, incr, t0.plusSeconds(120));
    point(BackupStatus.RUNNING, incr, t0.plusSeconds(180));

    long parent =
        catalog.inTx(
            em ->
                new BackupStore(em)
                    .latestCompleteDisk(
                        em.find(VmDisk.class, diskId), em.find(Repository.class, repoId))
                    .orElseThrow()
                    .getId());
    assertEquals(incr, parent);
  }

  @Test
  void latestCompleteDiskIsEmptyInAnotherRepository() {
    point(BackupStatus.COMPLETE, null, Instant.parse("2026-01-01T00:00:00Z"));
    boolean found =
        catalog.inTx(
            em -> {
              Repository other = Fixtures.repository(em, "other", "local");
              return new BackupStore(em)
                  .latestCompleteDisk(em.find(VmDisk.class, diskId), other)
                  .isPresent();
            });
    assertFalse(found);
  }

  @Test
  void chainRunsFromFullToTopAndParentsKnowTheirDependents() {
    Instant t0 = Instant.parse("2026-02-01T00:00:00Z");
    long full = point(BackupStatus.COMPLETE, null, t0);
    long i1 = point(BackupStatus.COMPLETE, full, t0.plusSeconds(60));
    long i2 = point(BackupStatus.COMPLETE, i1, t0.plusSeconds(120));

    List<Long> chain =
        catalog.inTx(
            em ->
                new BackupStore(em)
                    .chainOf(em.find(BackupDisk.class, i2)).stream()
                        .map(BackupDisk::getId)
                        .toList());
    assertEquals(List.of(full, i1, i2), chain);

    boolean fullHasDependents =
        catalog.inTx(
            em -> new BackupStore(em).hasDependents(em.find(BackupDisk.class, full).getBackup()));
    boolean topHasDependents =
        catalog.inTx(
            em -> new BackupStore(em).hasDependents(em.find(BackupDisk.class, i2).getBackup()));
    assertTrue(fullHasDependents);
    assertFalse(topHasDependents);
  }

  @Test
  void aRemovedImageGoesAfterTheImageBuiltOnItIsRepointedInTheSameTransaction() {
    Instant t0 = Instant.parse("2026-02-15T00:00:00Z");
    long full = point(BackupStatus.COMPLETE, null, t0);
    long doomed = point(BackupStatus.COMPLETE, full, t0.plusSeconds(60));
    long child = point(BackupStatus.COMPLETE, doomed, t0.plusSeconds(120));

    catalog.run(
        em -> {
          BackupStore store = new BackupStore(em);
          BackupDisk d = em.find(BackupDisk.class, doomed);
          em.find(BackupDisk.class, child).setParent(d.getParent());
          store.removeDisk(d);
        });

    assertEquals(Optional.empty(), catalog.inTx(em -> new BackupStore(em).diskById(doomed)));
    assertEquals(
        List.of(full, child),
        catalog.inTx(
            em ->
                new BackupStore(em)
                    .chainOf(em.find(BackupDisk.class, child)).stream()
                        .map(BackupDisk::getId)
                        .toList()));
  }

  @Test
  void deletingAVmWithRestorePointsIsRefusedByTheDatabase() {
    point(BackupStatus.COMPLETE, null, Instant.parse("2026-03-01T00:00:00Z"));
    assertThrows(
        PersistenceException.class, () -> catalog.run(em -> em.remove(em.find(Vm.class, vmId))));
    long stillThere =
        catalog.inTx(
            em -> em.createQuery("SELECT COUNT(b) FROM Backup b", Long.class).getSingleResult());
    assertEquals(1L, stillThere);
  }

  @Test
  void deletingAParentPointBeforeItsChildIsRefused() {
    Instant t0 = Instant.parse("2026-04-01T00:00:00Z");
    long full = point(BackupStatus.COMPLETE, null, t0);
    point(BackupStatus.COMPLETE, full, t0.plusSeconds(60));
    assertThrows(
        PersistenceException.class,
        () -> catalog.run(em -> em.remove(em.find(BackupDisk.class, full).getBackup())));
  }

  @Test
  void markFailedFailsARunningPointAndItsUnfinishedDisksButNeverACompleteOne() {
    Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
    long running = point(BackupStatus.RUNNING, null, t0);
    long complete = point(BackupStatus.COMPLETE, null, t0.plusSeconds(5));
    Instant at = t0.plusSeconds(90);
    catalog.run(
        em -> {
          BackupStore store = new BackupStore(em);
          Backup r = em.find(BackupDisk.class, running).getBackup();
          r.setStartedAt(t0);
          store.markFailed(r, "x".repeat(5000), at);
          store.markFailed(em.find(BackupDisk.class, complete).getBackup(), "late", at);
        });
    catalog.run(
        em -> {
          BackupDisk disk = em.find(BackupDisk.class, running);
          assertEquals(BackupStatus.FAILED, disk.getStatus());
          assertEquals(BackupStatus.FAILED, disk.getBackup().getStatus());
          assertEquals(at, disk.getBackup().getCompletedAt());
          assertEquals(90_000L, disk.getBackup().getDurationMs());
          assertEquals(4000, disk.getBackup().getErrorMessage().length(), "cut to its column");
          BackupDisk done = em.find(BackupDisk.class, complete);
          assertEquals(BackupStatus.COMPLETE, done.getBackup().getStatus());
          assertEquals(null, done.getBackup().getErrorMessage());
        });
  }

  @Test
  void transferStateAndChangeTrackingAreKeptPerDisk() {
    long disk = point(BackupStatus.RUNNING, null, Instant.parse("2026-06-01T00:00:00Z"));
    catalog.run(
        em -> {
          BackupDisk d = em.find(BackupDisk.class, disk);
          d.setTransferOffset(48L << 20);
          d.setTransferDone(false);
          d.setTransferSnapshot("snapshot-7");
          d.setChangeTracking(ChangeTracking.CONTENT_COMPARE);
          d.setChangeTrackingReason("changed areas unavailable: reset; content compare");
          d.getBackup().setChangeTracking(ChangeTracking.CONTENT_COMPARE);
          d.getBackup().setFallbackReason("r".repeat(1500));
        });
    catalog.run(
        em -> {
          BackupDisk d = em.find(BackupDisk.class, disk);
          assertEquals(48L << 20, d.getTransferOffset());
          assertFalse(d.isTransferDone());
          assertEquals(ChangeTracking.CONTENT_COMPARE, d.getChangeTracking());
          assertEquals(
              "changed areas unavailable: reset; content compare", d.getChangeTrackingReason());
          assertEquals(ChangeTracking.CONTENT_COMPARE, d.getBackup().getChangeTracking());
          assertEquals(1000, d.getBackup().getFallbackReason().length());
        });
  }

  @Test
  void restorableVmsAreThoseWithCompletePointsByNameWithTheirCountAndNewest() {
    Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
    point(BackupStatus.COMPLETE, null, t0);
    point(BackupStatus.COMPLETE, null, t0.plusSeconds(3600));
    point(BackupStatus.FAILED, null, t0.plusSeconds(7200));
    catalog.run(
        em -> {
          Vm failedOnly = Fixtures.vm(em, em.find(Vm.class, vmId).getSource(), "vm-43", "app01");
          Backup b = new Backup();
          b.setVm(failedOnly);
          b.setRepository(em.find(Repository.class, repoId));
          b.setBackupType(BackupType.FULL);
          b.setStatus(BackupStatus.FAILED);
          em.persist(b);
        });
    catalog.run(
        em ->
            em.createQuery(
                    "UPDATE Backup b SET b.startedAt = b.completedAt WHERE b.completedAt IS NOT NULL")
                .executeUpdate());

    List<RestorableVm> all = catalog.inTx(em -> new BackupStore(em).restorableVms(null, 10));
    assertEquals(List.of(new RestorableVm(vmId, "web01", "vc1", 2, t0.plusSeconds(3600))), all);
    assertEquals(all, catalog.inTx(em -> new BackupStore(em).restorableVms("EB0", 10)));
    assertEquals(List.of(), catalog.inTx(em -> new BackupStore(em).restorableVms("app", 10)));
    assertEquals(
        Optional.of(all.get(0)), catalog.inTx(em -> new BackupStore(em).restorableVm(vmId)));
    long failedOnly =
        catalog.inTx(
            em ->
                em.createQuery("SELECT v.id FROM Vm v WHERE v.name = 'app01'", Long.class)
                    .getSingleResult());
    assertEquals(
        Optional.empty(), catalog.inTx(em -> new BackupStore(em).restorableVm(failedOnly)));
  }
}
