package io.sendense.webapp.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobPhase;
import io.sendense.persistence.backup.BackupJobStatus;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.backup.BackupStore;
import io.sendense.persistence.backup.JobEndReason;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import io.sendense.webapp.testing.RecordingEvent;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hub's job ledger on MariaDB, without the server: the queue it hands the dispatcher with the
 * limits applied, and what a hub stop does to running jobs (one resume, then FAILED).
 */
@ExtendWith(MariaDbExtension.class)
class JobLedgerIT {
  private static final Instant NOW = Instant.parse("2026-12-06T01:00:00Z");

  private Catalog catalog;
  private final List<BackupJobEnded> ends = new ArrayList<>();
  private final List<JobQueued> queued = new ArrayList<>();
  private long repoA;
  private long repoB;
  private long vm1;
  private long vm2;
  private long vm3;

  @BeforeEach
  void setUp(TestDatabase db) {
    catalog = new Catalog(db.newSchema());
    catalog.run(
        em -> {
          Source source = Fixtures.source(em, "vc1");
          Repository a = Fixtures.repository(em, "A", "local");
          Repository b = Fixtures.repository(em, "B", "local");
          em.flush();
          repoA = a.getId();
          repoB = b.getId();
          vm1 = vm(em, source, "vm-1");
          vm2 = vm(em, source, "vm-2");
          vm3 = vm(em, source, "vm-3");
        });
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  private static long vm(EntityManager em, Source source, String moref) {
    Vm vm = new Vm();
    vm.setSource(source);
    vm.setMoref(moref);
    vm.setName(moref);
    em.persist(vm);
    em.flush();
    return vm.getId();
  }

  private long queue(long vm, long repository) {
    return catalog.inTx(
        em -> {
          BackupJob job = new BackupJob();
          job.setVm(em.find(Vm.class, vm));
          job.setRepository(em.find(Repository.class, repository));
          job.setRequestedType("auto");
          em.persist(job);
          em.flush();
          return job.getId();
        });
  }

  /** Runs {@code work} on a ledger over the catalog, in one transaction as the container would. */
  private <T> T ledger(Function<JobLedger, T> work) {
    return catalog.inTx(
        em -> {
          JobLedger ledger = new JobLedger();
          ledger.jobs = new BackupJobStore(em);
          ledger.backups = new BackupStore(em);
          ledger.ended = new RecordingEvent<>(ends);
          ledger.queued = new RecordingEvent<>(queued);
          ledger.changed = new RecordingEvent<>(new ArrayList<>());
          ledger.clock = Clock.fixed(NOW, ZoneOffset.UTC);
          return work.apply(ledger);
        });
  }

  private void record(java.util.function.Consumer<JobLedger> work) {
    ledger(
        l -> {
          work.accept(l);
          return null;
        });
  }

  private BackupJob job(long id) {
    return catalog.inTx(em -> em.find(BackupJob.class, id));
  }

  @Test
  void theQueueIsHandedOutOldestFirstWithinTheLimits() {
    long first = queue(vm1, repoA);
    long sameVm = queue(vm1, repoB);
    long sameRepository = queue(vm2, repoA);
    long free = queue(vm3, repoB);
    record(l -> l.started(first, 101, 11));

    Map<Long, String> plan =
        ledger(
            l ->
                new JobLimits(3, 1, 4)
                    .plan(
                        l.running().stream().map(JobLedger.Running::slot).toList(),
                        l.queued().stream().map(JobLedger.Pending::slot).toList()));

    assertEquals(List.of(sameVm, sameRepository, free), List.copyOf(plan.keySet()));
    assertEquals("Waiting: another backup of this VM is running", plan.get(sameVm));
    assertEquals(
        "Waiting: repository 'A' already takes 1 backups (limit 1)", plan.get(sameRepository));
    assertNull(plan.get(free), "starts now");
    BackupJob running = job(first);
    assertEquals(BackupJobStatus.RUNNING, running.getStatus());
    assertEquals(BackupJobPhase.PREPARE, running.getPhase());
    assertEquals(NOW, running.getStartedAt());
    assertEquals(101L, running.getJobExecutionId());
  }

  @Test
  void aHubStopResumesARunningJobOnceThenFailsIt() {
    long id = queue(vm1, repoA);
    record(l -> l.started(id, 201, 21));

    assertEquals(List.of(id), ledger(l -> l.hubStopped(true)));
    BackupJob resumed = job(id);
    assertEquals(BackupJobStatus.QUEUED, resumed.getStatus());
    assertEquals(JobEndReason.HUB_STOPPED, resumed.getEndReason());
    assertTrue(resumed.isAutoResumed());
    assertEquals(List.of(new JobQueued(id)), queued);
    assertEquals(List.of(), ends, "a resumed job has not ended");

    record(l -> l.started(id, 202, 22));
    assertEquals(List.of(), ledger(l -> l.hubStopped(true)), "resumed once only");
    BackupJob failed = job(id);
    assertEquals(BackupJobStatus.FAILED, failed.getStatus());
    assertEquals(BackupJobPhase.FAILED, failed.getPhase());
    assertEquals(JobLedger.HUB_STOPPED_MESSAGE, failed.getErrorMessage());
    assertEquals(NOW, failed.getEndedAt());
    assertEquals(1, ends.size());
    assertEquals("FAILED", ends.get(0).status());
    assertEquals(202L, ends.get(0).jobExecutionId());
  }

  @Test
  void aStoppedExecutionEndsTheJobStoppedWithOneEvent() {
    long id = queue(vm2, repoB);
    record(l -> l.started(id, 301, 31));

    assertEquals(false, ledger(l -> l.ended(id, "STOPPED", "STOPPED")));
    BackupJob stopped = job(id);
    assertEquals(BackupJobStatus.STOPPED, stopped.getStatus());
    assertEquals(BackupJobPhase.FAILED, stopped.getPhase());
    assertEquals("The job ended STOPPED", stopped.getErrorMessage());
    assertEquals(List.of("STOPPED"), ends.stream().map(BackupJobEnded::status).toList());
    assertEquals(List.of(), ledger(JobLedger::running), "nothing left running");
  }
}
