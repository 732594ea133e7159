package io.sendense.webapp.group;

import io.sendense.persistence.common.PresenceState;
import io.sendense.persistence.flow.FlowStore;
import io.sendense.persistence.flow.ProtectionFlow;
import io.sendense.persistence.group.GroupMembership;
import io.sendense.persistence.group.GroupStore;
import io.sendense.persistence.group.ProtectionGroup;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.Vm;
import io.sendense.webapp.common.Fields;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.schedule.CronExpression;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Protection groups: hand-made members with priorities, plus members by rule. */
@ApplicationScoped
@Transactional
public class GroupService {
  @Inject GroupStore store;
  @Inject FlowStore flows;
  @Inject SourceStore vms;
  @Inject RepositoryStore repositories;

  /** Every group, by name; a few queries whatever the count. */
  public List<GroupDto> list() {
    return dtos(store.all());
  }

  /** A page of groups by name (names containing {@code name} when given), with the total. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<GroupDto> page(String name, int offset, int limit) {
    List<GroupDto> items = dtos(store.page(name, offset, limit));
    return Page.counted(items, offset, limit, () -> store.count(name));
  }

  /** A page of groups by name, A to Z or Z to A (names containing {@code name} when given). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<GroupDto> rows(String name, boolean descending, int offset, int limit) {
    return dtos(store.page(name, descending, offset, limit));
  }

  /** How many groups {@link #rows} pages through. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public long count(String name) {
    return store.count(name);
  }

  public GroupDto get(long id) {
    return toDto(find(id));
  }

  public GroupDto create(GroupRequest request) {
    String name = Fields.name(request.name());
    if (store.byName(name).isPresent()) {
      throw new Refusal(409, "A protection group named '" + name + "' already exists");
    }
    ProtectionGroup group = new ProtectionGroup();
    group.setName(name);
    apply(group, request);
    return toDto(store.save(group));
  }

  public GroupDto update(long id, GroupRequest request) {
    ProtectionGroup group = find(id);
    String name = Fields.name(request.name());
    if (!name.equals(group.getName()) && store.byName(name).isPresent()) {
      throw new Refusal(409, "A protection group named '" + name + "' already exists");
    }
    group.setName(name);
    apply(group, request);
    return toDto(group);
  }

  /** Deletes a group no flow protects; its memberships go with it, the VMs stay. */
  public void delete(long id) {
    ProtectionGroup group = find(id);
    List<String> using = flows.flowsOfGroup(group).stream().map(ProtectionFlow::getName).toList();
    if (!using.isEmpty()) {
      throw new Refusal(
          409,
          "Group '"
              + group.getName()
              + "' is protected by flow(s) "
              + using
              + "; delete them first");
    }
    store.delete(group);
  }

  public List<MemberDto> members(long id) {
    ProtectionGroup group = find(id);
    return members(group, store.membersOf(group));
  }

  /**
   * A page of a group's members: hand-made ones by priority and name, then those only the rule
   * adds. Without a rule only the page is read; with one, the rule is matched against every VM.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<MemberDto> members(long id, int offset, int limit) {
    ProtectionGroup group = find(id);
    if (MembershipRule.parse(group.getMembershipRule()) != null) {
      List<MemberDto> all = members(group, store.membersOf(group));
      List<MemberDto> items =
          all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit));
      return new Page<>(List.copyOf(items), all.size(), offset, limit);
    }
    List<MemberDto> items = members(group, store.membersOf(group, offset, limit));
    return Page.counted(items, offset, limit, () -> store.memberCount(group));
  }

  private List<MemberDto> members(ProtectionGroup group, List<GroupMembership> handMade) {
    Map<Long, MemberDto> out = new LinkedHashMap<>();
    for (GroupMembership m : handMade) {
      Vm vm = m.getVm();
      out.put(
          vm.getId(),
          new MemberDto(
              vm.getId(),
              vm.getName(),
              vm.getSource().getName(),
              vm.getState().name(),
              m.getPriority(),
              m.isEnabled(),
              false));
    }
    for (Vm vm : ruleMembers(group)) {
      out.putIfAbsent(
          vm.getId(),
          new MemberDto(
              vm.getId(),
              vm.getName(),
              vm.getSource().getName(),
              vm.getState().name(),
              100,
              true,
              true));
    }
    return List.copyOf(out.values());
  }

  /** Adds VMs by hand; VMs already members keep their membership and get the new priority. */
  public int addMembers(long id, MembersRequest request) {
    ProtectionGroup group = find(id);
    int priority = request.priority() == null ? 100 : request.priority();
    if (priority < 0 || priority > 1000) {
      throw new Refusal(400, "priority must be between 0 and 1000");
    }
    List<Vm> chosen = chosenVms(request);
    for (Vm vm : chosen) {
      GroupMembership membership =
          store
              .membership(group, vm)
              .orElseGet(() -> store.addMember(new GroupMembership(group, vm)));
      membership.setPriority(priority);
    }
    return chosen.size();
  }

  /** Removes hand-made memberships; VMs matched by the rule stay members through it. */
  public int removeMembers(long id, MembersRequest request) {
    ProtectionGroup group = find(id);
    int removed = 0;
    for (Vm vm : chosenVms(request)) {
      var membership = store.membership(group, vm);
      if (membership.isPresent()) {
        store.removeMember(membership.get());
        removed++;
      }
    }
    return removed;
  }

  /**
   * The VMs a run of a flow on {@code group} backs up now: enabled hand-made members and VMs the
   * rule matches, present in vCenter, by priority (lowest first) and name.
   */
  public List<Vm> targets(long groupId) {
    return targets(find(groupId));
  }

  /** What {@link #targets(long)} says, for a group in hand. */
  public List<Vm> targets(ProtectionGroup group) {
    Map<Long, Vm> out = new LinkedHashMap<>();
    store.membersOf(group).stream()
        .filter(GroupMembership::isEnabled)
        .map(GroupMembership::getVm)
        .forEach(vm -> out.put(vm.getId(), vm));
    ruleMembers(group).forEach(vm -> out.putIfAbsent(vm.getId(), vm));
    return out.values().stream().filter(vm -> vm.getState() == PresenceState.PRESENT).toList();
  }

  private List<Vm> ruleMembers(ProtectionGroup group) {
    MembershipRule rule = MembershipRule.parse(group.getMembershipRule());
    if (rule == null) {
      return List.of();
    }
    List<Vm> matched = new ArrayList<>();
    for (Vm vm : vms.searchVms(null, null, null, false)) {
      if (rule.matches(vm.getName(), vm.getFolderPath(), vm.getTags())) {
        matched.add(vm);
      }
    }
    matched.sort(Comparator.comparing(Vm::getName));
    return matched;
  }

  private List<Vm> chosenVms(MembersRequest request) {
    if (request == null || request.vmIds() == null || request.vmIds().isEmpty()) {
      throw new Refusal(400, "vmIds must list at least one VM");
    }
    return request.vmIds().stream()
        .distinct()
        .map(vmId -> vms.vm(vmId).orElseThrow(() -> new Refusal(404, "No VM with id " + vmId)))
        .toList();
  }

  private void apply(ProtectionGroup group, GroupRequest request) {
    Fields.atMost("description", request.description(), 1000);
    Fields.atMost("defaultSchedule", request.defaultSchedule(), 128);
    Fields.atMost("membershipRule", request.membershipRule(), 1000);
    group.setDescription(blankToNull(request.description()));
    String schedule = blankToNull(request.defaultSchedule());
    if (schedule != null) {
      CronExpression.problemWith(schedule)
          .ifPresent(
              p -> {
                throw new Refusal(400, "Default schedule: " + p);
              });
    }
    group.setDefaultSchedule(schedule);
    Repository repository = null;
    if (request.defaultRepositoryId() != null) {
      repository =
          repositories
              .byId(request.defaultRepositoryId())
              .orElseThrow(
                  () -> new Refusal(400, "No repository with id " + request.defaultRepositoryId()));
    }
    group.setDefaultRepository(repository);
    MembershipRule rule = MembershipRule.parse(request.membershipRule());
    group.setMembershipRule(rule == null ? null : rule.text());
  }

  private GroupDto toDto(ProtectionGroup g) {
    return dtos(List.of(g)).get(0);
  }

  /** The groups' rows: member counts and protecting flows in one query each. */
  private List<GroupDto> dtos(List<ProtectionGroup> groups) {
    List<Long> ids = groups.stream().map(ProtectionGroup::getId).toList();
    Map<Long, long[]> counts = store.memberCounts(ids);
    Map<Long, List<Object[]>> protecting = flows.flowsByGroup(ids);
    return groups.stream()
        .map(
            g -> {
              long[] c = counts.getOrDefault(g.getId(), new long[2]);
              int targets =
                  MembershipRule.parse(g.getMembershipRule()) == null
                      ? (int) c[1]
                      : targets(g).size();
              return toDto(g, targets, (int) c[0], protecting.getOrDefault(g.getId(), List.of()));
            })
        .toList();
  }

  private static GroupDto toDto(
      ProtectionGroup g, int targets, int members, List<Object[]> protecting) {
    boolean protectedNow = protecting.stream().anyMatch(f -> Boolean.TRUE.equals(f[2]));
    Repository repo = g.getDefaultRepository();
    return new GroupDto(
        g.getId(),
        g.getName(),
        g.getDescription(),
        g.getDefaultSchedule(),
        repo == null ? null : repo.getId(),
        repo == null ? null : repo.getName(),
        g.getMembershipRule(),
        targets,
        members,
        protectedNow ? "PROTECTED" : "UNPROTECTED",
        protecting.stream().map(f -> (String) f[1]).toList(),
        g.getCreatedAt());
  }

  ProtectionGroup find(long id) {
    return store.byId(id).orElseThrow(() -> new Refusal(404, "No protection group with id " + id));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
