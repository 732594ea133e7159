package io.sendense.persistence.group;

import io.sendense.persistence.source.VmContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Protection groups and their hand-made memberships. */
@ApplicationScoped
public class GroupStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected GroupStore() {}

  public GroupStore(EntityManager em) {
    this.em = em;
  }

  public List<ProtectionGroup> all() {
    return em.createNamedQuery("ProtectionGroup.all", ProtectionGroup.class).getResultList();
  }

  public Optional<ProtectionGroup> byId(long id) {
    return Optional.ofNullable(em.find(ProtectionGroup.class, id));
  }

  public Optional<ProtectionGroup> byName(String name) {
    return em.createQuery(
            "SELECT g FROM ProtectionGroup g WHERE g.name = :name", ProtectionGroup.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  public ProtectionGroup save(ProtectionGroup group) {
    if (group.getId() == null) {
      em.persist(group);
      em.flush();
      return group;
    }
    return em.merge(group);
  }

  public void delete(ProtectionGroup group) {
    em.remove(em.contains(group) ? group : em.merge(group));
    em.flush();
  }

  public List<GroupMembership> membersOf(ProtectionGroup group) {
    return em.createNamedQuery("GroupMembership.byGroup", GroupMembership.class)
        .setParameter("group", group)
        .getResultList();
  }

  public Optional<GroupMembership> membership(ProtectionGroup group, VmContext vm) {
    return Optional.ofNullable(
        em.find(GroupMembership.class, new GroupMembershipId(group.getId(), vm.getId())));
  }

  public GroupMembership addMember(GroupMembership membership) {
    em.persist(membership);
    return membership;
  }

  public void removeMember(GroupMembership membership) {
    em.remove(membership);
  }

  /** Hand-made members per group id. */
  public Map<Long, Long> memberCounts() {
    return em
        .createQuery(
            "SELECT m.group.id, COUNT(m) FROM GroupMembership m GROUP BY m.group.id",
            Object[].class)
        .getResultList()
        .stream()
        .collect(Collectors.toMap(r -> (Long) r[0], r -> (Long) r[1]));
  }

  /** The groups each VM is a hand-made member of: VM id to group names, sorted. */
  public Map<Long, List<String>> groupNamesByVm() {
    return em
        .createQuery(
            "SELECT m.vmContext.id, m.group.name FROM GroupMembership m ORDER BY m.group.name",
            Object[].class)
        .getResultList()
        .stream()
        .collect(
            Collectors.groupingBy(
                r -> (Long) r[0], Collectors.mapping(r -> (String) r[1], Collectors.toList())));
  }
}
