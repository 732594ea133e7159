package io.sendense.webapp.group;

import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/** Every change to groups and their members, audited, for the API and the pages alike. */
@ApplicationScoped
public class GroupActions {
  @Inject GroupService groups;
  @Inject AuditService audit;

  @RequiresRole(value = Roles.ADMIN, action = "create protection groups")
  public GroupDto create(GroupRequest request, Caller caller) {
    return audited(caller, "group.create", request.name(), null, () -> groups.create(request));
  }

  @RequiresRole(value = Roles.ADMIN, action = "change protection groups")
  public GroupDto update(long id, GroupRequest request, Caller caller) {
    return audited(
        caller, "group.update", groups.get(id).name(), null, () -> groups.update(id, request));
  }

  @RequiresRole(value = Roles.ADMIN, action = "delete protection groups")
  public void delete(long id, Caller caller) {
    audited(
        caller,
        "group.delete",
        groups.get(id).name(),
        null,
        () -> {
          groups.delete(id);
          return null;
        });
  }

  @RequiresRole(value = Roles.ADMIN, action = "change group members")
  public int addMembers(long id, MembersRequest request, Caller caller) {
    return audited(
        caller,
        "group.members.add",
        groups.get(id).name(),
        request == null ? null : "VMs " + request.vmIds(),
        () -> groups.addMembers(id, request));
  }

  @RequiresRole(value = Roles.ADMIN, action = "change group members")
  public int removeMembers(long id, MembersRequest request, Caller caller) {
    return audited(
        caller,
        "group.members.remove",
        groups.get(id).name(),
        request == null ? null : "VMs " + request.vmIds(),
        () -> groups.removeMembers(id, request));
  }

  private <T> T audited(
      Caller caller, String action, String target, String detail, Supplier<T> work) {
    try {
      T result = work.get();
      audit.record(caller.user(), action, target, AuditService.SUCCESS, caller.remote(), detail);
      return result;
    } catch (Refusal e) {
      audit.record(
          caller.user(), action, target, AuditService.FAILURE, caller.remote(), e.getMessage());
      throw e;
    }
  }
}
