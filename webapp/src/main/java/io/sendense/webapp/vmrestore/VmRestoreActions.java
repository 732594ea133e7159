package io.sendense.webapp.vmrestore;

import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.plugin.api.source.VmInfo;
import io.sendense.plugin.api.source.VmRestore;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.backup.JobDispatcher;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.source.SourceService;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * Everything a user does with VM restores, for the API and the page alike: check a target, start,
 * cancel and restart a restore. Operators and admins only; audited ({@code restore.vm}, {@code
 * restore.vm.cancel}, {@code restore.vm.restart}).
 */
@ApplicationScoped
public class VmRestoreActions {
  @Inject VmRestoreService restores;
  @Inject SourceService sources;
  @Inject AuditService audit;
  @Inject JobDispatcher dispatcher;

  /** Who asks, from where. */

  /**
   * Resolves the target in the source and checks its room, creating nothing: what the confirm step
   * shows.
   */
  @RequiresRole(value = Roles.OPERATOR, action = "restore VMs")
  public ResolvedTarget check(VmRestoreRequest request, Caller caller) {
    VmRestoreService.Plan plan = restores.plan(request, caller.user());
    return withRestore(plan, ops -> ResolvedTarget.of(ops.check(plan.spec())));
  }

  /** Queues a restore; answers at once with it QUEUED. */
  @RequiresRole(value = Roles.OPERATOR, action = "restore VMs")
  public VmRestoreDto start(VmRestoreRequest request, Caller caller) {
    String target = "backup " + request.backupId();
    try {
      VmRestoreService.Plan plan = restores.plan(request, caller.user());
      if (plan.job().getReplaceVmId() != null) {
        withRestore(
            plan,
            ops -> {
              VmInfo.PowerState state = ops.powerState(plan.job().getReplaceVmId());
              if (state != VmInfo.PowerState.POWERED_OFF) {
                throw new Refusal(
                    409,
                    "VM "
                        + plan.vm().getName()
                        + " is "
                        + state
                        + "; power it off before restoring over it");
              }
              return state;
            });
      }
      VmRestoreDto queued = restores.queue(plan);
      audit.record(
          caller.user(),
          "restore.vm",
          target,
          AuditService.SUCCESS,
          caller.remote(),
          "VM restore "
              + queued.id()
              + " of "
              + queued.sourceVmName()
              + " as "
              + queued.name()
              + (queued.replaceOriginal() ? " over the original" : ""));
      dispatcher.dispatchSoon();
      return queued;
    } catch (Refusal e) {
      audit.record(
          caller.user(),
          "restore.vm",
          target,
          AuditService.FAILURE,
          caller.remote(),
          e.getMessage());
      throw e;
    }
  }

  /** Cancels a queued restore or stops a running one (its half-made VM is deleted). */
  @RequiresRole(value = Roles.OPERATOR, action = "cancel VM restores")
  public VmRestoreDto cancel(long id, Caller caller) {
    return audited(
        caller,
        "restore.vm.cancel",
        id,
        () -> {
          Long execution = restores.cancel(id, caller.user());
          if (execution != null) {
            try {
              BatchRuntime.getJobOperator().stop(execution);
            } catch (JobExecutionNotRunningException | NoSuchJobExecutionException e) {
              // it ended meanwhile, or waits for its execution: the job polls the flag
            }
          }
          return restores.get(id);
        });
  }

  /** Puts a failed restore back in the queue. */
  @RequiresRole(value = Roles.OPERATOR, action = "restart VM restores")
  public VmRestoreDto restart(long id, Caller caller) {
    VmRestoreDto dto = audited(caller, "restore.vm.restart", id, () -> restores.requeue(id));
    dispatcher.dispatchSoon();
    return dto;
  }

  private <T> T audited(Caller caller, String action, long id, Supplier<T> work) {
    try {
      T result = work.get();
      audit.record(
          caller.user(), action, "restore " + id, AuditService.SUCCESS, caller.remote(), null);
      return result;
    } catch (Refusal e) {
      audit.record(
          caller.user(),
          action,
          "restore " + id,
          AuditService.FAILURE,
          caller.remote(),
          e.getMessage());
      throw e;
    }
  }

  @FunctionalInterface
  private interface RestoreWork<T> {
    T run(VmRestore ops) throws SourceException;
  }

  /** Runs {@code work} on the restore operations of the plan's source; refusals say why. */
  private <T> T withRestore(VmRestoreService.Plan plan, RestoreWork<T> work) {
    try (SourceSession session = sources.openSession(plan.source().getId())) {
      VmRestore ops =
          session
              .vmRestore()
              .orElseThrow(
                  () ->
                      new Refusal(
                          409, "Source " + plan.source().getName() + " cannot restore whole VMs"));
      return work.run(ops);
    } catch (SourceException e) {
      throw new Refusal(409, e.getMessage());
    } catch (Refusal e) {
      throw e;
    } catch (Exception e) {
      throw new Refusal(409, "Source " + plan.source().getName() + ": " + e.getMessage());
    }
  }
}
