package io.sendense.persistence.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.source.Vm;
import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Backup policies on real MariaDB: lookups, the flows that use one, its rules replaced. */
@ExtendWith(MariaDbExtension.class)
class PolicyStoreIT {
  private Catalog catalog;
  private long vmId;
  private long primaryRepo;
  private long offsiteRepo;
  private long cloudRepo;

  @BeforeEach
  void setUp(TestDatabase db) {
    catalog = new Catalog(db.newSchema());
    catalog.run(
        em -> {
          Vm vm = Fixtures.vm(em, Fixtures.source(em, "vc1"), "vm-1", "web01");
          Repository primary = Fixtures.repository(em, "local", "local");
          Repository offsite = Fixtures.repository(em, "offsite", "nfs");
          Repository cloud = Fixtures.repository(em, "cloud", "cifs");
          em.flush();
          vmId = vm.getId();
          primaryRepo = primary.getId();
          offsiteRepo = offsite.getId();
          cloudRepo = cloud.getId();
        });
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  private <T> T store(java.util.function.Function<PolicyStore, T> work) {
    return catalog.inTx(em -> work.apply(new PolicyStore(em)));
  }

  /** A new policy with one rule per repository (retention last = 3, 4, ...), saved; its id. */
  private long policy(String name, long... repositories) {
    return catalog.inTx(
        em -> {
          BackupPolicy p = new BackupPolicy();
          p.setName(name);
          List<CopyRule> rules = new java.util.ArrayList<>();
          for (int i = 0; i < repositories.length; i++) {
            rules.add(rule(p, em.find(Repository.class, repositories[i]), i, 3 + i));
          }
          PolicyStore store = new PolicyStore(em);
          store.replaceRules(p, rules);
          return store.save(p).getId();
        });
  }

  private static CopyRule rule(BackupPolicy p, Repository target, int position, int keepLast) {
    CopyRule r = new CopyRule();
    r.setPolicy(p);
    r.setRepository(target);
    r.setPosition(position);
    r.setRunWhen(CopyWhen.DAILY);
    r.setMode(CopyMode.FULL);
    r.setRetentionLast(keepLast);
    return r;
  }

  private void flow(String name, Long policyId) {
    catalog.run(
        em -> {
          ProtectionFlow flow = new ProtectionFlow();
          flow.setName(name);
          flow.setTargetVm(em.find(Vm.class, vmId));
          flow.setRepository(em.find(Repository.class, primaryRepo));
          flow.setCronSchedule("0 * * * *");
          flow.setPolicy(policyId == null ? null : em.find(BackupPolicy.class, policyId));
          em.persist(flow);
        });
  }

  /** The policy's rules as stored: (target repository, position, keep last), in their order. */
  private List<List<Object>> storedRules(long policyId) {
    return catalog.inTx(
        em ->
            em
                .createQuery(
                    "SELECT r.repository.id, r.position, r.retentionLast FROM CopyRule r"
                        + " WHERE r.policy.id = :p ORDER BY r.position",
                    Object[].class)
                .setParameter("p", policyId)
                .getResultList()
                .stream()
                .map(List::of)
                .toList());
  }

  @Test
  void policiesComeByNameAndOneIsFoundByItsExactName() {
    long weekly = policy("weekly");
    long archive = policy("archive");
    long daily = policy("daily", offsiteRepo);

    assertEquals(
        List.of("archive", "daily", "weekly"),
        store(s -> s.all().stream().map(BackupPolicy::getName).toList()));
    assertEquals(
        List.of(archive, daily, weekly),
        store(s -> s.all().stream().map(BackupPolicy::getId).toList()));
    assertEquals(Optional.of(daily), store(s -> s.byName("daily").map(BackupPolicy::getId)));
    assertEquals(Optional.empty(), store(s -> s.byName("dail").map(BackupPolicy::getId)));
    assertEquals(Optional.of("weekly"), store(s -> s.byId(weekly).map(BackupPolicy::getName)));
    assertEquals(Optional.empty(), store(s -> s.byId(daily + 1000).map(BackupPolicy::getName)));
  }

  @Test
  void onlyThePolicysOwnFlowsAreNamedInNameOrder() {
    long used = policy("nightly copies", offsiteRepo);
    long other = policy("other", cloudRepo);
    long unused = policy("unused");
    flow("zeta", used);
    flow("alpha", used);
    flow("mid", other);
    flow("plain", null);

    assertEquals(List.of("alpha", "zeta"), store(s -> s.flowNamesOf(s.byId(used).orElseThrow())));
    assertEquals(List.of("mid"), store(s -> s.flowNamesOf(s.byId(other).orElseThrow())));
    assertEquals(List.of(), store(s -> s.flowNamesOf(s.byId(unused).orElseThrow())));
  }

  @Test
  void replacedRulesLeaveOnlyTheNewOnesAndARuleIsFoundById() {
    long policyId = policy("offsite", offsiteRepo, cloudRepo);
    List<Long> oldRules =
        store(
            s -> s.byId(policyId).orElseThrow().getRules().stream().map(CopyRule::getId).toList());
    assertEquals(
        List.of(List.of(offsiteRepo, 0, 3), List.of(cloudRepo, 1, 4)), storedRules(policyId));
    assertEquals(
        Optional.of(cloudRepo),
        store(s -> s.rule(oldRules.get(1)).map(r -> r.getRepository().getId())));

    catalog.run(
        em -> {
          PolicyStore s = new PolicyStore(em);
          BackupPolicy p = s.byId(policyId).orElseThrow();
          s.replaceRules(p, List.of(rule(p, em.find(Repository.class, cloudRepo), 0, 9)));
          s.save(p);
        });

    assertEquals(List.of(List.of(cloudRepo, 0, 9)), storedRules(policyId));
    assertEquals(Optional.empty(), store(s -> s.rule(oldRules.get(0)).map(CopyRule::getId)));
    assertEquals(Optional.empty(), store(s -> s.rule(oldRules.get(1)).map(CopyRule::getId)));
  }

  @Test
  void aDeletedPolicyTakesItsRulesAlong() {
    long kept = policy("kept", cloudRepo);
    long doomed = policy("doomed", offsiteRepo, cloudRepo);
    List<Long> doomedRules =
        store(s -> s.byId(doomed).orElseThrow().getRules().stream().map(CopyRule::getId).toList());

    catalog.run(em -> new PolicyStore(em).delete(new PolicyStore(em).byId(doomed).orElseThrow()));

    assertEquals(List.of("kept"), store(s -> s.all().stream().map(BackupPolicy::getName).toList()));
    assertEquals(List.of(), storedRules(doomed));
    assertEquals(
        List.of(Optional.empty(), Optional.empty()),
        store(s -> doomedRules.stream().map(id -> s.rule(id).map(CopyRule::getId)).toList()));
    assertEquals(List.of(List.of(cloudRepo, 0, 3)), storedRules(kept));
  }
}
