package io.sendense.persistence.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The copy queries on real MariaDB: which copy of a point counts, and a rule's copies and jobs. */
@ExtendWith(MariaDbExtension.class)
class CopyStoreIT {
  private static final long RULE = 77;
  private Catalog catalog;
  private long vmId;
  private long primaryRepo;
  private long copyRepo;
  private long otherRepo;
  private long point;

  @BeforeEach
  void setUp(TestDatabase db) {
    catalog = new Catalog(db.newSchema());
    catalog.run(
        em -> {
          Vm vm = Fixtures.vm(em, Fixtures.source(em, "vc1"), "vm-1", "web01");
          Repository primary = Fixtures.repository(em, "local", "local");
          Repository copies = Fixtures.repository(em, "offsite", "nfs");
          Repository other = Fixtures.repository(em, "cloud", "cifs");
          em.flush();
          vmId = vm.getId();
          primaryRepo = primary.getId();
          copyRepo = copies.getId();
          otherRepo = other.getId();
        });
    point = backup(primaryRepo, BackupStatus.COMPLETE, null, null, "2026-03-01T00:00:00Z");
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  private long backup(
      long repositoryId, BackupStatus status, Long copyOf, Long rule, String startedAt) {
    return catalog.inTx(
        em -> {
          Backup b = new Backup();
          b.setVm(em.find(Vm.class, vmId));
          b.setRepository(em.find(Repository.class, repositoryId));
          b.setBackupType(BackupType.FULL);
          b.setStatus(status);
          b.setCopyOfBackupId(copyOf);
          b.setCopyRuleId(rule);
          b.setStartedAt(Instant.parse(startedAt));
          em.persist(b);
          em.flush();
          return b.getId();
        });
  }

  private long copyJob(BackupJobStatus status, Long rule) {
    return catalog.inTx(
        em -> {
          BackupJob job = new BackupJob();
          job.setVm(em.find(Vm.class, vmId));
          job.setRepository(em.find(Repository.class, copyRepo));
          job.setRequestedType("auto");
          job.setJobKind(JobKind.COPY);
          job.setCopySourceBackupId(point);
          job.setCopyRuleId(rule);
          job.setStatus(status);
          em.persist(job);
          em.flush();
          return job.getId();
        });
  }

  private <T> T store(java.util.function.Function<CopyStore, T> query) {
    return catalog.inTx(em -> query.apply(new CopyStore(em)));
  }

  @Test
  void theCompleteCopyInTheRepositoryCountsAndAnUnfinishedOneIsFoundToContinue() {
    assertEquals(Optional.empty(), store(s -> s.completeCopy(point, copyRepo)));
    long failed = backup(copyRepo, BackupStatus.FAILED, point, RULE, "2026-03-01T01:00:00Z");
    backup(otherRepo, BackupStatus.COMPLETE, point, RULE, "2026-03-01T01:30:00Z");
    assertEquals(Optional.empty(), store(s -> s.completeCopy(point, copyRepo)), "another repo's");
    assertEquals(
        Optional.of(failed), store(s -> s.unfinishedCopy(point, copyRepo).map(Backup::getId)));
    long done = backup(copyRepo, BackupStatus.COMPLETE, point, RULE, "2026-03-01T02:00:00Z");
    assertEquals(Optional.of(done), store(s -> s.completeCopy(point, copyRepo).map(Backup::getId)));
    assertEquals(
        Optional.empty(),
        store(s -> s.unfinishedCopy(point + 1000, copyRepo).map(Backup::getId)),
        "copies of another point");
  }

  @Test
  void aRulesCompleteCopiesComeOldestFirstAndOnlyItsLiveJobsCount() {
    long newer = backup(copyRepo, BackupStatus.COMPLETE, point, RULE, "2026-03-03T00:00:00Z");
    long older = backup(copyRepo, BackupStatus.COMPLETE, point, RULE, "2026-03-02T00:00:00Z");
    backup(copyRepo, BackupStatus.FAILED, point, RULE, "2026-03-01T12:00:00Z");
    backup(copyRepo, BackupStatus.COMPLETE, point, RULE + 1, "2026-03-01T06:00:00Z");
    assertEquals(
        List.of(older, newer),
        store(s -> s.copiesOfRule(RULE, vmId).stream().map(Backup::getId).toList()));

    assertEquals(Optional.empty(), store(s -> s.lastCopyQueued(RULE, vmId)));
    long queued = copyJob(BackupJobStatus.QUEUED, RULE);
    long running = copyJob(BackupJobStatus.RUNNING, RULE);
    copyJob(BackupJobStatus.COMPLETED, RULE);
    long abandoned = copyJob(BackupJobStatus.ABANDONED, RULE);
    // the abandoned job is the newest by a day: only leaving it out gives the live jobs' newest
    catalog.run(
        em ->
            em.createNativeQuery(
                    "UPDATE backup_jobs SET queued_at = queued_at + INTERVAL 1 DAY WHERE id = ?")
                .setParameter(1, abandoned)
                .executeUpdate());
    assertEquals(
        List.of(queued, running),
        store(s -> s.activeCopyJobsOf(point).stream().map(BackupJob::getId).sorted().toList()));
    Instant newestLive =
        catalog.inTx(
            em ->
                em.createQuery(
                        "SELECT MAX(j.queuedAt) FROM BackupJob j WHERE j.id <> :abandoned",
                        Instant.class)
                    .setParameter("abandoned", abandoned)
                    .getSingleResult());
    assertEquals(Optional.of(newestLive), store(s -> s.lastCopyQueued(RULE, vmId)));
  }
}
