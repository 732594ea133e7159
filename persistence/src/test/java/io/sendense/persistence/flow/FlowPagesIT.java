package io.sendense.persistence.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupJobPhase;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupType;
import io.sendense.persistence.backup.TelemetrySnapshot;
import io.sendense.persistence.flow.FlowStore.FlowFilter;
import io.sendense.persistence.flow.FlowStore.StateCount;
import io.sendense.persistence.flow.FlowStore.VmRunState;
import io.sendense.persistence.group.GroupStore;
import io.sendense.persistence.group.ProtectionGroup;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import io.sendense.persistence.vm.VmStore;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The queries the Protection Flows and Protection Groups pages read one page with, on MariaDB: the
 * name filter, the state filters the flows table derives, the sort orders, the offset and the
 * total; and the grouped queries that give the running flows' progress and the summary counts.
 */
@ExtendWith(MariaDbExtension.class)
class FlowPagesIT {
  private static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");

  private Catalog catalog;
  private Map<String, Long> ids;

  @BeforeEach
  void setUp(TestDatabase db) {
    catalog = new Catalog(db.newSchema());
    ids =
        catalog.inTx(
            em -> {
              Source source = Fixtures.source(em, "vc1");
              Repository repo = Fixtures.repository(em, "local", "local");
              Vm vm1 = vm(em, source, "vm1");
              Vm vm2 = vm(em, source, "vm2");
              ProtectionGroup group = group(em, "Web servers");
              group(em, "db servers");
              group(em, "File servers");
              // name, enabled, last status, last run (days after T0)
              flow(em, repo, "alpha", vm1, null, true, ExecutionStatus.SUCCESS, 3);
              flow(em, repo, "Bravo", vm2, null, true, ExecutionStatus.FAILED, 1);
              flow(em, repo, "charlie", null, group, true, null, -1);
              flow(em, repo, "delta", vm1, null, false, ExecutionStatus.SUCCESS, 2);
              flow(em, repo, "echo", vm2, null, true, ExecutionStatus.PARTIAL, 4);
              ProtectionFlow running = flow(em, repo, "foxtrot", null, group, true, null, 5);
              FlowExecution execution = execution(em, running, ExecutionStatus.RUNNING, 2);
              FlowExecutionVm pending = new FlowExecutionVm(execution, vm1);
              em.persist(pending);
              // Run order is id order: EclipseLink may insert the two rows in either order.
              em.flush();
              FlowExecutionVm busy = new FlowExecutionVm(execution, vm2);
              busy.setStatus(VmRunStatus.RUNNING);
              em.persist(busy);
              Backup backup = backup(em, vm2, repo, execution);
              telemetry(em, backup, 10, 100);
              telemetry(em, backup, 40, 100);
              execution(em, running, ExecutionStatus.SUCCESS, 1);
              em.flush();
              return Map.of(
                  "group", group.getId(),
                  "foxtrot", running.getId(),
                  "execution", execution.getId(),
                  "vm1", vm1.getId(),
                  "vm2", vm2.getId());
            });
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  @Test
  void flowsPageByNameInEitherOrderWithOffsetAndTheTotal() {
    assertEquals(List.of("alpha", "Bravo", "charlie"), names(FlowFilter.named(null), "name", 0, 3));
    assertEquals(List.of("delta", "echo", "foxtrot"), names(FlowFilter.named(""), "name", 3, 3));
    assertEquals(List.of("foxtrot", "echo"), names(FlowFilter.named(null), "-name", 0, 2));
    assertEquals(6, count(FlowFilter.named(null)));
  }

  @Test
  void theNameFilterMatchesAPartInAnyCase() {
    FlowFilter filter = FlowFilter.named(" RA ");
    assertEquals(List.of("Bravo"), names(filter, "name", 0, 25));
    assertEquals(1, count(filter));
    assertEquals(List.of(), names(FlowFilter.named("100%"), "name", 0, 25));
    assertEquals(0, count(FlowFilter.named("zzz")));
  }

  @Test
  void flowsSortByLastRunNeverRunFirst() {
    assertEquals(
        List.of("charlie", "Bravo", "delta", "alpha", "echo", "foxtrot"),
        names(FlowFilter.named(null), "lastRunAt", 0, 25));
    assertEquals(
        List.of("foxtrot", "echo", "alpha", "delta", "Bravo", "charlie"),
        names(FlowFilter.named(null), "-lastRunAt", 0, 25));
    assertThrows(
        IllegalArgumentException.class, () -> names(FlowFilter.named(null), "runsTotal", 0, 3));
    assertThrows(
        IllegalArgumentException.class, () -> names(FlowFilter.named(null), "nextRunAt", 0, 3));
  }

  @Test
  void theStateFiltersSeparateRunningDisabledNeverRunAndEachLastStatus() {
    assertEquals(List.of("foxtrot"), names(new FlowFilter(null, true, null, null, false)));
    assertEquals(List.of("delta"), names(new FlowFilter(null, false, false, null, false)));
    assertEquals(List.of("charlie"), names(new FlowFilter(null, false, true, null, true)));
    assertEquals(
        List.of("alpha"), names(new FlowFilter(null, false, true, ExecutionStatus.SUCCESS, false)));
    assertEquals(
        List.of("echo"), names(new FlowFilter(null, false, true, ExecutionStatus.PARTIAL, false)));
    assertEquals(
        List.of("Bravo"), names(new FlowFilter("b", false, true, ExecutionStatus.FAILED, false)));
    assertEquals(0, count(new FlowFilter("alp", false, true, ExecutionStatus.FAILED, false)));
    assertEquals(5, count(new FlowFilter(null, false, null, null, false)));
  }

  @Test
  void stateCountsGroupIdleFlowsByEnabledAndLastStatusAndCountTheRunningOnes() {
    Set<StateCount> counts = Set.copyOf(catalog.inTx(em -> new FlowStore(em).stateCounts()));
    assertEquals(
        Set.of(
            new StateCount(false, true, ExecutionStatus.SUCCESS, 1),
            new StateCount(false, true, ExecutionStatus.FAILED, 1),
            new StateCount(false, true, ExecutionStatus.PARTIAL, 1),
            new StateCount(false, true, null, 1),
            new StateCount(false, false, ExecutionStatus.SUCCESS, 1),
            new StateCount(true, true, null, 1)),
        counts);
    // next runs are a day after the last (T0 + day + 1): before T0 + 3 days are charlie's, Bravo's
    assertEquals(
        2L,
        (long)
            catalog.<Long>inTx(em -> new FlowStore(em).overdueCount(T0.plusSeconds(3 * 86_400))));
  }

  @Test
  void runningExecutionsTheirVmsAndProgressComeInOneQueryEach() {
    long foxtrot = ids.get("foxtrot");
    long execution = ids.get("execution");
    List<Long> running =
        catalog.inTx(
            em ->
                new FlowStore(em)
                    .runningExecutionsOf(List.of(foxtrot, ids.get("group"), 999_999L)).stream()
                        .map(FlowExecution::getId)
                        .toList());
    assertEquals(List.of(execution), running);
    assertTrue(catalog.<Boolean>inTx(em -> new FlowStore(em).anyRunning()));
    Set<VmRunState> states =
        Set.copyOf(catalog.inTx(em -> new FlowStore(em).vmRunStates(List.of(execution))));
    assertEquals(
        Set.of(
            new VmRunState(execution, VmRunStatus.PENDING, ids.get("vm1")),
            new VmRunState(execution, VmRunStatus.RUNNING, ids.get("vm2"))),
        states);
    Map<Long, List<String>> vmNames =
        catalog.inTx(
            em ->
                new FlowStore(em)
                    .vmRunsOf(List.of(execution, 999_999L)).entrySet().stream()
                        .collect(
                            Collectors.toMap(
                                Map.Entry::getKey,
                                e ->
                                    e.getValue().stream().map(v -> v.getVm().getName()).toList())));
    assertEquals(Map.of(execution, List.of("vm1", "vm2")), vmNames);
    Map<Long, List<VmStore.Progress>> progress =
        catalog.inTx(em -> new VmStore(em).progressOfExecutions(List.of(execution, 5L)));
    assertEquals(
        Map.of(execution, List.of(new VmStore.Progress(ids.get("vm2"), 40, 100))), progress);
  }

  @Test
  void groupsPageByNameInEitherOrderWithFilterAndTotal() {
    assertEquals(
        List.of("db servers", "File servers"),
        catalog.inTx(em -> groupNames(new GroupStore(em).page(null, false, 0, 2))));
    assertEquals(
        List.of("File servers", "db servers"),
        catalog.inTx(em -> groupNames(new GroupStore(em).page(null, true, 1, 2))));
    assertEquals(
        List.of("File servers", "Web servers"),
        catalog.inTx(em -> groupNames(new GroupStore(em).page("ER", false, 1, 5))));
    assertEquals(3L, (long) catalog.<Long>inTx(em -> new GroupStore(em).count("servers")));
    assertEquals(1L, (long) catalog.<Long>inTx(em -> new GroupStore(em).count("WEB")));
  }

  private List<String> names(FlowFilter filter) {
    return names(filter, "name", 0, 25);
  }

  private List<String> names(FlowFilter filter, String sort, int offset, int limit) {
    return catalog.inTx(
        em ->
            new FlowStore(em)
                .page(filter, sort, offset, limit).stream().map(ProtectionFlow::getName).toList());
  }

  private long count(FlowFilter filter) {
    return catalog.inTx(em -> new FlowStore(em).count(filter));
  }

  private static List<String> groupNames(List<ProtectionGroup> groups) {
    return groups.stream().map(ProtectionGroup::getName).collect(Collectors.toList());
  }

  private static Vm vm(EntityManager em, Source source, String name) {
    return Fixtures.vm(em, source, "vm-" + name, name);
  }

  private static ProtectionGroup group(EntityManager em, String name) {
    ProtectionGroup group = new ProtectionGroup();
    group.setName(name);
    em.persist(group);
    return group;
  }

  private static ProtectionFlow flow(
      EntityManager em,
      Repository repo,
      String name,
      Vm vm,
      ProtectionGroup group,
      boolean enabled,
      ExecutionStatus last,
      int lastRunDay) {
    ProtectionFlow flow = new ProtectionFlow();
    flow.setName(name);
    flow.setTargetVm(vm);
    flow.setTargetGroup(group);
    flow.setRepository(repo);
    flow.setCronSchedule("0 2 * * *");
    flow.setEnabled(enabled);
    flow.setLastStatus(last);
    flow.setLastRunAt(lastRunDay < 0 ? null : T0.plusSeconds(lastRunDay * 86_400L));
    flow.setNextRunAt(T0.plusSeconds((Math.max(0, lastRunDay) + 1) * 86_400L + 3_600));
    em.persist(flow);
    return flow;
  }

  private static FlowExecution execution(
      EntityManager em, ProtectionFlow flow, ExecutionStatus status, int vms) {
    FlowExecution execution = new FlowExecution();
    execution.setFlow(flow);
    execution.setTriggerKind(TriggerKind.MANUAL);
    execution.setStatus(status);
    execution.setVmsTotal(vms);
    em.persist(execution);
    return execution;
  }

  private static Backup backup(EntityManager em, Vm vm, Repository repo, FlowExecution execution) {
    Backup b = new Backup();
    b.setVm(vm);
    b.setRepository(repo);
    b.setBackupType(BackupType.FULL);
    b.setStatus(BackupStatus.RUNNING);
    b.setFlowExecution(execution);
    em.persist(b);
    return b;
  }

  private static void telemetry(EntityManager em, Backup backup, long done, long total) {
    TelemetrySnapshot t = new TelemetrySnapshot();
    t.setBackup(backup);
    t.setPhase(BackupJobPhase.TRANSFER);
    t.setBytesDone(done);
    t.setBytesTotal(total);
    em.persist(t);
    em.flush();
  }
}
