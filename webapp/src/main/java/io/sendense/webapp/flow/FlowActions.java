package io.sendense.webapp.flow;

import io.sendense.persistence.flow.TriggerKind;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Every change to flows and every Run Now, audited, for the API and the pages alike. Not
 * transactional itself: each flow of a bulk action succeeds or is refused on its own.
 */
@ApplicationScoped
public class FlowActions {
  @Inject FlowService flows;
  @Inject FlowQueries queries;
  @Inject FlowRunner runner;
  @Inject AuditService audit;

  /** Who asks, from where; the caller has checked the role. */
  @RequiresRole(value = Roles.ADMIN, action = "create protection flows")
  public FlowDto create(FlowRequest request, Caller caller) {
    return audited(caller, "flow.create", request.name(), () -> flows.create(request));
  }

  @RequiresRole(value = Roles.ADMIN, action = "change protection flows")
  public FlowDto update(long id, FlowRequest request, Caller caller) {
    return audited(caller, "flow.update", flows.nameOf(id), () -> flows.update(id, request));
  }

  @RequiresRole(value = Roles.ADMIN, action = "delete protection flows")
  public void delete(long id, Caller caller) {
    audited(
        caller,
        "flow.delete",
        flows.nameOf(id),
        () -> {
          flows.delete(id);
          return null;
        });
  }

  @RequiresRole(value = Roles.ADMIN, action = "enable or disable protection flows")
  public FlowDto setEnabled(long id, boolean enabled, Caller caller) {
    return audited(
        caller,
        enabled ? "flow.enable" : "flow.disable",
        flows.nameOf(id),
        () -> flows.setEnabled(id, enabled));
  }

  /** Run Now: returns at once with the execution RUNNING. */
  @RequiresRole(value = Roles.OPERATOR, action = "run protection flows")
  public FlowRunDto runNow(long id, Caller caller) {
    return audited(
        caller,
        "flow.execute",
        flows.nameOf(id),
        () -> queries.execution(runner.run(id, TriggerKind.MANUAL, caller.user())));
  }

  @RequiresRole(value = Roles.OPERATOR, action = "run protection flows")
  public BulkResult bulkRun(List<Long> ids, Caller caller) {
    return bulk(ids, id -> "execution #" + runNow(id, caller).id());
  }

  @RequiresRole(value = Roles.ADMIN, action = "enable or disable protection flows")
  public BulkResult bulkEnable(List<Long> ids, boolean enabled, Caller caller) {
    return bulk(ids, id -> setEnabled(id, enabled, caller).status().name());
  }

  @RequiresRole(value = Roles.ADMIN, action = "delete protection flows")
  public BulkResult bulkDelete(List<Long> ids, Caller caller) {
    return bulk(
        ids,
        id -> {
          delete(id, caller);
          return "deleted";
        });
  }

  private static BulkResult bulk(List<Long> ids, LongFunction<String> action) {
    if (ids == null || ids.isEmpty()) {
      throw new Refusal(400, "ids must list at least one flow");
    }
    List<BulkResult.Item> items = new ArrayList<>();
    for (long id : ids.stream().distinct().toList()) {
      try {
        items.add(new BulkResult.Item(id, true, action.apply(id)));
      } catch (Refusal e) {
        items.add(new BulkResult.Item(id, false, e.getMessage()));
      }
    }
    return BulkResult.of(items);
  }

  private <T> T audited(Caller caller, String action, String target, Work<T> work) {
    try {
      T result = work.run();
      audit.record(caller.user(), action, target, AuditService.SUCCESS, caller.remote(), null);
      return result;
    } catch (Refusal e) {
      audit.record(
          caller.user(), action, target, AuditService.FAILURE, caller.remote(), e.getMessage());
      throw e;
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run();
  }
}
