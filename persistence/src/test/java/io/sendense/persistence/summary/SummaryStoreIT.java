package io.sendense.persistence.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.backup.BackupType;
import io.sendense.persistence.backup.VerificationStatus;
import io.sendense.persistence.common.PresenceState;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.group.GroupMembership;
import io.sendense.persistence.group.ProtectionGroup;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard's aggregate queries on MariaDB: which present VMs an enabled flow covers (directly
 * or through an enabled membership of its group), which rule groups are protected, the catalog's
 * counts and the complete points by their last verification.
 */
@ExtendWith(MariaDbExtension.class)
class SummaryStoreIT {
  private Catalog catalog;

  @BeforeEach
  void setUp(TestDatabase db) {
    catalog = new Catalog(db.newSchema());
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  @Test
  void coveredVmsAreThePresentOnesAnEnabledFlowReachesDirectlyOrThroughAnEnabledMembership() {
    Map<String, Long> ids =
        catalog.inTx(
            em -> {
              Source source = Fixtures.source(em, "vc1");
              Repository repo = Fixtures.repository(em, "local", "local");
              Vm direct = vm(em, source, "direct", PresenceState.PRESENT);
              Vm directDisabled = vm(em, source, "direct-disabled", PresenceState.PRESENT);
              Vm gone = vm(em, source, "gone", PresenceState.GONE);
              Vm member = vm(em, source, "member", PresenceState.PRESENT);
              Vm memberDisabled = vm(em, source, "member-disabled", PresenceState.PRESENT);
              Vm inUnprotectedGroup = vm(em, source, "unprotected", PresenceState.PRESENT);
              vm(em, source, "nothing", PresenceState.PRESENT);
              flow(em, repo, "f1", direct, null, true);
              flow(em, repo, "f2", directDisabled, null, false);
              flow(em, repo, "f3", gone, null, true);
              ProtectionGroup protectedGroup = group(em, "protected", null);
              member(em, protectedGroup, member, true);
              member(em, protectedGroup, memberDisabled, false);
              flow(em, repo, "f4", null, protectedGroup, true);
              ProtectionGroup idle = group(em, "idle", null);
              member(em, idle, inUnprotectedGroup, true);
              flow(em, repo, "f5", null, idle, false);
              ProtectionGroup ruled = group(em, "ruled", "NAME:web*");
              flow(em, repo, "f6", null, ruled, true);
              ProtectionGroup ruledIdle = group(em, "ruled-idle", "NAME:db*");
              flow(em, repo, "f7", null, ruledIdle, false);
              point(em, direct, repo, BackupStatus.COMPLETE, VerificationStatus.VERIFIED);
              point(em, direct, repo, BackupStatus.COMPLETE, VerificationStatus.VERIFIED);
              point(em, direct, repo, BackupStatus.COMPLETE, VerificationStatus.CORRUPT);
              point(em, member, repo, BackupStatus.COMPLETE, VerificationStatus.MISSING);
              point(em, member, repo, BackupStatus.COMPLETE, null);
              point(em, member, repo, BackupStatus.FAILED, null);
              em.flush();
              return Map.of(
                  "direct", direct.getId(),
                  "member", member.getId(),
                  "ruled", ruled.getId());
            });

    catalog.run(
        em -> {
          SummaryStore store = new SummaryStore(em);
          assertEquals(6, store.presentVms());
          assertEquals(2, store.coveredVms());
          assertEquals(
              new TreeSet<>(List.of(ids.get("direct"), ids.get("member"))),
              new TreeSet<>(store.coveredVmIds()));
          assertEquals(List.of(ids.get("ruled")), store.ruleGroupsProtected());
          assertEquals(new SummaryStore.CatalogCounts(1, 6, 1, 7, 5), store.counts());
          assertEquals(new SummaryStore.VerificationCounts(2, 1, 1, 1), store.verification());
        });
  }

  private static Vm vm(EntityManager em, Source source, String name, PresenceState state) {
    Vm vm = new Vm();
    vm.setSource(source);
    vm.setMoref("vm-" + name);
    vm.setName(name);
    vm.setState(state);
    em.persist(vm);
    return vm;
  }

  private static void flow(
      EntityManager em,
      Repository repo,
      String name,
      Vm vm,
      ProtectionGroup group,
      boolean enabled) {
    ProtectionFlow flow = new ProtectionFlow();
    flow.setName(name);
    flow.setTargetVm(vm);
    flow.setTargetGroup(group);
    flow.setRepository(repo);
    flow.setCronSchedule("0 0 2 * * *");
    flow.setEnabled(enabled);
    em.persist(flow);
  }

  private static ProtectionGroup group(EntityManager em, String name, String rule) {
    ProtectionGroup group = new ProtectionGroup();
    group.setName(name);
    group.setMembershipRule(rule);
    em.persist(group);
    return group;
  }

  private static void member(EntityManager em, ProtectionGroup group, Vm vm, boolean enabled) {
    GroupMembership membership = new GroupMembership(group, vm);
    membership.setEnabled(enabled);
    em.persist(membership);
  }

  private static void point(
      EntityManager em,
      Vm vm,
      Repository repo,
      BackupStatus status,
      VerificationStatus verification) {
    Backup b = new Backup();
    b.setVm(vm);
    b.setRepository(repo);
    b.setBackupType(BackupType.FULL);
    b.setStatus(status);
    b.setVerificationStatus(verification);
    em.persist(b);
  }
}
