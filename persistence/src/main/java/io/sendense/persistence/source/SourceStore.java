package io.sendense.persistence.source;

import io.sendense.persistence.common.PresenceState;
import io.sendense.persistence.common.ReadHints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hypervisor sources and the VMs and disks discovered on them. */
@ApplicationScoped
public class SourceStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected SourceStore() {}

  public SourceStore(EntityManager em) {
    this.em = em;
  }

  public List<Source> all() {
    return em.createNamedQuery("Source.all", Source.class).getResultList();
  }

  public Optional<Source> byId(long id) {
    return Optional.ofNullable(em.find(Source.class, id));
  }

  public Optional<Source> byName(String name) {
    return em.createQuery("SELECT s FROM Source s WHERE s.name = :name", Source.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  public Optional<Source> byEndpoint(String host, int port) {
    return em.createQuery("SELECT s FROM Source s WHERE s.host = :h AND s.port = :p", Source.class)
        .setParameter("h", host)
        .setParameter("p", port)
        .getResultStream()
        .findFirst();
  }

  public Source save(Source source) {
    if (source.getId() == null) {
      em.persist(source);
      em.flush();
      return source;
    }
    return em.merge(source);
  }

  public void delete(Source source) {
    em.remove(em.contains(source) ? source : em.merge(source));
    em.flush();
  }

  public List<Vm> vmsOf(Source source) {
    return em.createNamedQuery("Vm.bySource", Vm.class)
        .setParameter("source", source)
        .getResultList();
  }

  /** How many VMs of {@code source} the catalog knows, gone ones included. */
  public long vmCount(Source source) {
    return em.createQuery("SELECT COUNT(v) FROM Vm v WHERE v.source = :s", Long.class)
        .setParameter("s", source)
        .getSingleResult();
  }

  /**
   * The VM of {@code source} with managed object reference {@code moref}, if the catalog has it.
   */
  public Optional<Vm> vmByMoref(Source source, String moref) {
    return em.createNamedQuery("Vm.byMoref", Vm.class)
        .setParameter("source", source)
        .setParameter("moref", moref)
        .getResultStream()
        .findFirst();
  }

  public Optional<Vm> vm(long id) {
    return Optional.ofNullable(em.find(Vm.class, id));
  }

  public Vm saveVm(Vm vm) {
    if (vm.getId() == null) {
      em.persist(vm);
      return vm;
    }
    return em.merge(vm);
  }

  /** Removes the VMs of {@code source}; their disks and memberships go with them. */
  public void deleteVmsOf(Source source) {
    em.createQuery("DELETE FROM Vm v WHERE v.source = :s")
        .setParameter("s", source)
        .executeUpdate();
  }

  public List<VmDisk> disksOf(Vm vm) {
    return em.createNamedQuery("VmDisk.byVm", VmDisk.class).setParameter("vm", vm).getResultList();
  }

  public VmDisk saveDisk(VmDisk disk) {
    if (disk.getId() == null) {
      em.persist(disk);
      return disk;
    }
    return em.merge(disk);
  }

  /**
   * VMs across sources, filtered by any of source, part of the name (case-insensitive) and group;
   * GONE VMs are included only when {@code includeGone}.
   */
  public List<Vm> searchVms(Long sourceId, String name, Long groupId, boolean includeGone) {
    return vmQuery(
            sourceId,
            name,
            groupId,
            includeGone,
            "SELECT v FROM Vm v",
            " ORDER BY v.name, v.id",
            Vm.class)
        .getResultList();
  }

  /** One page of {@link #searchVms}, read-only with their sources (see {@link ReadHints}). */
  public List<Vm> searchVms(
      Long sourceId, String name, Long groupId, boolean includeGone, int offset, int limit) {
    return searchVms(sourceId, name, groupId, includeGone, "name", false, offset, limit);
  }

  /** The fields a page of VMs may be sorted by (then by name and id). */
  public static final Map<String, String> VM_SORTS =
      Map.of(
          "name", "v.name",
          "sourceName", "v.source.name",
          "powerState", "v.powerState",
          "guestOs", "v.guestOs",
          "lastSeenAt", "v.lastSeenAt");

  /**
   * One page of {@link #searchVms} sorted by {@code sort} (a key of {@link #VM_SORTS}), read-only
   * with their sources.
   */
  public List<Vm> searchVms(
      Long sourceId,
      String name,
      Long groupId,
      boolean includeGone,
      String sort,
      boolean descending,
      int offset,
      int limit) {
    String field = VM_SORTS.get(sort);
    if (field == null) {
      throw new IllegalArgumentException("Cannot sort VMs by " + sort);
    }
    String direction = descending ? " DESC" : "";
    String order =
        field.equals("v.name")
            ? " ORDER BY v.name" + direction + ", v.id" + direction
            : " ORDER BY " + field + direction + ", v.name, v.id";
    return ReadHints.apply(
            vmQuery(sourceId, name, groupId, includeGone, "SELECT v FROM Vm v", order, Vm.class),
            "v.source")
        .setFirstResult(Math.max(0, offset))
        .setMaxResults(limit)
        .getResultList();
  }

  /** How many VMs {@link #searchVms} finds. */
  public long countVms(Long sourceId, String name, Long groupId, boolean includeGone) {
    return vmQuery(
            sourceId, name, groupId, includeGone, "SELECT COUNT(v) FROM Vm v", "", Long.class)
        .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
        .getSingleResult();
  }

  private <T> TypedQuery<T> vmQuery(
      Long sourceId,
      String name,
      Long groupId,
      boolean includeGone,
      String select,
      String order,
      Class<T> type) {
    StringBuilder jpql = new StringBuilder(select).append(" WHERE 1 = 1");
    if (sourceId != null) {
      jpql.append(" AND v.source.id = :source");
    }
    if (name != null && !name.isBlank()) {
      jpql.append(" AND LOWER(v.name) LIKE :name");
    }
    if (groupId != null) {
      jpql.append(
          " AND EXISTS (SELECT m FROM GroupMembership m WHERE m.vm = v"
              + " AND m.group.id = :group)");
    }
    if (!includeGone) {
      jpql.append(" AND v.state = :present");
    }
    TypedQuery<T> query = em.createQuery(jpql.append(order).toString(), type);
    if (sourceId != null) {
      query.setParameter("source", sourceId);
    }
    if (name != null && !name.isBlank()) {
      query.setParameter("name", "%" + name.toLowerCase().replace("%", "\\%") + "%");
    }
    if (groupId != null) {
      query.setParameter("group", groupId);
    }
    if (!includeGone) {
      query.setParameter("present", PresenceState.PRESENT);
    }
    return query;
  }

  /** The disks of each of {@code vmIds} (by device key), in one query. */
  public Map<Long, List<VmDisk>> disksOf(Collection<Long> vmIds) {
    Map<Long, List<VmDisk>> out = new HashMap<>();
    if (vmIds.isEmpty()) {
      return out;
    }
    em.createQuery(
            "SELECT d FROM VmDisk d WHERE d.vm.id IN :ids ORDER BY d.deviceKey", VmDisk.class)
        .setParameter("ids", vmIds)
        .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
        .getResultList()
        .forEach(d -> out.computeIfAbsent(d.getVm().getId(), k -> new ArrayList<>()).add(d));
    return out;
  }

  /** The groups of each of {@code vmIds} (names, sorted), in one query. */
  public Map<Long, List<String>> groupNamesOf(Collection<Long> vmIds) {
    Map<Long, List<String>> out = new HashMap<>();
    if (vmIds.isEmpty()) {
      return out;
    }
    em.createQuery(
            "SELECT m.vm.id, m.group.name FROM GroupMembership m"
                + " WHERE m.vm.id IN :ids ORDER BY m.group.name",
            Object[].class)
        .setParameter("ids", vmIds)
        .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
        .getResultList()
        .forEach(r -> out.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add((String) r[1]));
    return out;
  }

  /** Names of the groups {@code vm} belongs to. */
  public List<String> groupNamesOf(Vm vm) {
    return em.createQuery(
            "SELECT m.group.name FROM GroupMembership m WHERE m.vm = :vm"
                + " ORDER BY m.group.name",
            String.class)
        .setParameter("vm", vm)
        .getResultList();
  }

  /** How many restore points exist for VMs of {@code source}. */
  public long restorePointCount(Source source) {
    return em.createQuery("SELECT COUNT(b) FROM Backup b WHERE b.vm.source = :s", Long.class)
        .setParameter("s", source)
        .getSingleResult();
  }
}
