package io.sendense.persistence.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.VmContext;
import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A job's batch executions across job instances (a resumed job runs as a new instance). */
@ExtendWith(MariaDbExtension.class)
class BackupJobStoreIT {
  private Catalog catalog;
  private long jobId;

  @BeforeEach
  void setUp(TestDatabase db) {
    catalog = new Catalog(db.newSchema());
    jobId =
        catalog.inTx(
            em -> {
              Source source = new Source();
              source.setName("vc1");
              source.setPluginId("vmware");
              source.setHost("vc1.example");
              source.setUsername("admin");
              em.persist(source);
              VmContext vm = new VmContext();
              vm.setSource(source);
              vm.setMoref("vm-7");
              vm.setName("db01");
              em.persist(vm);
              Repository repo = new Repository();
              repo.setName("local");
              repo.setType("local");
              em.persist(repo);
              BackupJob job = new BackupJob();
              job.setVmContext(vm);
              job.setRepository(repo);
              job.setRequestedType("auto");
              em.persist(job);
              em.flush();
              return job.getId();
            });
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  @Test
  void everyExecutionOfAJobFindsItNewestFirstAcrossInstances() {
    Instant t0 = Instant.parse("2026-07-01T00:00:00Z");
    catalog.run(
        em -> {
          BackupJobStore store = new BackupJobStore(em);
          BackupJob job = em.find(BackupJob.class, jobId);
          store.executionStarted(job, 11, 101, t0);
          store.executionStarted(job, 12, 105, t0.plusSeconds(60));
          job.setJobInstanceId(12L);
          job.setJobExecutionId(105L);
          job.setEndReason(JobEndReason.HUB_STOPPED);
          job.setAutoResumed(true);
        });
    List<Long> executions =
        catalog.inTx(
            em ->
                new BackupJobStore(em)
                    .executionsOf(em.find(BackupJob.class, jobId)).stream()
                        .map(BackupJobExecution::getJobExecutionId)
                        .toList());
    assertEquals(List.of(105L, 101L), executions);
    long byOld =
        catalog.inTx(em -> new BackupJobStore(em).byAnyExecution(101).orElseThrow().getId());
    assertEquals(jobId, byOld);
    boolean unknown = catalog.inTx(em -> new BackupJobStore(em).byAnyExecution(999).isEmpty());
    assertTrue(unknown);
    catalog.run(
        em -> {
          BackupJob job = em.find(BackupJob.class, jobId);
          assertEquals(JobEndReason.HUB_STOPPED, job.getEndReason());
          assertTrue(job.isAutoResumed());
        });
  }
}
