package io.sendense.persistence.group;

import io.sendense.persistence.common.ReadHints;
import io.sendense.persistence.source.Vm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
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

  /** One page of groups by name (names containing {@code name}, when given), read-only. */
  public List<ProtectionGroup> page(String name, int offset, int limit) {
    return page(name, false, offset, limit);
  }

  /**
   * One page of groups by name, A to Z or Z to A, (names containing {@code name}, any case, when
   * given), read-only with their default repository.
   */
  public List<ProtectionGroup> page(String name, boolean descending, int offset, int limit) {
    String direction = descending ? " DESC" : "";
    return ReadHints.apply(
            filtered(
                "SELECT g FROM ProtectionGroup g",
                name,
                " ORDER BY g.name" + direction + ", g.id" + direction,
                ProtectionGroup.class),
            "g.defaultRepository")
        .setFirstResult(Math.max(0, offset))
        .setMaxResults(limit)
        .getResultList();
  }

  /** How many groups {@link #page} pages through. */
  public long count(String name) {
    return ReadHints.apply(filtered("SELECT COUNT(g) FROM ProtectionGroup g", name, "", Long.class))
        .getSingleResult();
  }

  private <T> TypedQuery<T> filtered(String select, String name, String order, Class<T> type) {
    boolean byName = name != null && !name.isBlank();
    TypedQuery<T> query =
        em.createQuery(select + (byName ? " WHERE LOWER(g.name) LIKE :name" : "") + order, type);
    if (byName) {
      query.setParameter("name", "%" + name.strip().toLowerCase().replace("%", "\\%") + "%");
    }
    return query;
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

  /** One page of {@link #membersOf}, read-only, with the total of the group's members. */
  public List<GroupMembership> membersOf(ProtectionGroup group, int offset, int limit) {
    return ReadHints.apply(
            em.createNamedQuery("GroupMembership.byGroup", GroupMembership.class)
                .setParameter("group", group))
        .setFirstResult(Math.max(0, offset))
        .setMaxResults(limit)
        .getResultList();
  }

  /** How many hand-made members {@code group} has. */
  public long memberCount(ProtectionGroup group) {
    return ReadHints.apply(
            em.createQuery(
                "SELECT COUNT(m) FROM GroupMembership m WHERE m.group = :group", Long.class))
        .setParameter("group", group)
        .getSingleResult();
  }

  /**
   * Per group id: hand-made members in all, and those enabled whose VM is present (what a run backs
   * up, rules aside), in one query.
   */
  public Map<Long, long[]> memberCounts(Collection<Long> groupIds) {
    if (groupIds.isEmpty()) {
      return Map.of();
    }
    return ReadHints.apply(
            em.createQuery(
                "SELECT m.group.id, COUNT(m), SUM(CASE WHEN m.enabled = TRUE AND m.vm.state"
                    + " = io.sendense.persistence.common.PresenceState.PRESENT THEN 1 ELSE 0 END)"
                    + " FROM GroupMembership m WHERE m.group.id IN :ids GROUP BY m.group.id",
                Object[].class))
        .setParameter("ids", groupIds)
        .getResultList()
        .stream()
        .collect(
            Collectors.toMap(
                r -> (Long) r[0],
                r -> new long[] {((Number) r[1]).longValue(), ((Number) r[2]).longValue()}));
  }

  /** The ids of the VMs that are enabled hand-made members of {@code group}. */
  public List<Long> enabledMemberIds(long groupId) {
    return ReadHints.apply(
            em.createQuery(
                "SELECT m.vm.id FROM GroupMembership m"
                    + " WHERE m.group.id = :group AND m.enabled = TRUE",
                Long.class))
        .setParameter("group", groupId)
        .getResultList();
  }

  public Optional<GroupMembership> membership(ProtectionGroup group, Vm vm) {
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
            "SELECT m.vm.id, m.group.name FROM GroupMembership m ORDER BY m.group.name",
            Object[].class)
        .getResultList()
        .stream()
        .collect(
            Collectors.groupingBy(
                r -> (Long) r[0], Collectors.mapping(r -> (String) r[1], Collectors.toList())));
  }
}
