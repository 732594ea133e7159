package io.sendense.batch.restore;

import io.sendense.batch.restore.port.RestoreCatalogPort;
import io.sendense.batch.restore.port.RestorePhase;
import io.sendense.batch.restore.port.RestorePointPort;
import io.sendense.batch.restore.port.RestoreRequest;
import io.sendense.batch.restore.port.RestoreSourcePort;
import io.sendense.plugin.api.source.RestoreCheck;
import io.sendense.plugin.api.source.RestoredVm;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmInfo;
import io.sendense.plugin.api.source.VmRestore;
import java.util.logging.Logger;

/**
 * The steps of a VM restore other than the upload, each safe to run again in a later execution:
 * prepare (read the request and the point's configuration, check the target before anything
 * exists), create (the new VM, or the one an earlier execution recorded), finish (replace the
 * original if asked, power on). Every result is recorded in the catalog before the next step.
 */
final class VmRestorer {
  private static final Logger LOG = Logger.getLogger(VmRestorer.class.getName());

  private final RestoreRun run;
  private final RestoreCatalogPort catalog;

  VmRestorer(RestoreRun run, RestoreCatalogPort catalog) {
    this.run = run;
    this.catalog = catalog;
  }

  void prepare(RestorePointPort points, RestoreSourcePort sources) throws Exception {
    run.progress().phase(RestorePhase.PREPARE);
    RestoreRequest r = catalog.request(run.restoreId());
    run.request(r);
    VmConfiguration recorded = points.configuration(r.backupId());
    SourceSession session = sources.open(r.sourceId());
    VmRestore ops =
        session
            .vmRestore()
            .orElseThrow(
                () ->
                    new SourceException(
                        SourceProblem.OTHER,
                        "Source "
                            + r.sourceId()
                            + " cannot restore whole VMs (its plugin has no VM restore)"));
    run.opened(session, ops);
    run.spec(RestoreSpecs.spec(r, recorded));
    run.progress()
        .start(
            r.totalBytes(),
            r.disks().stream()
                .filter(RestoreRequest.Disk::uploaded)
                .mapToLong(RestoreRequest.Disk::capacityBytes)
                .sum());
    if (r.replaceVmId() != null && !r.originalRemoved()) {
      requirePoweredOff(ops, r.replaceVmId(), r.targetName());
    }
    if (r.createdVm() == null) {
      if (ops.deleteTagged(run.spec().placement(), run.spec().name(), r.restoreTag())) {
        LOG.info(
            () -> "Deleted the VM an interrupted create of restore " + r.restoreId() + " left");
      }
      RestoreCheck check = ops.check(run.spec());
      catalog.resolved(r.restoreId(), check);
    }
  }

  private static void requirePoweredOff(VmRestore ops, String vmId, String name)
      throws SourceException {
    VmInfo.PowerState state = ops.powerState(vmId);
    if (state != VmInfo.PowerState.POWERED_OFF) {
      throw new SourceException(
          SourceProblem.OTHER,
          "VM " + name + " is " + state + "; power it off before restoring over it");
    }
  }

  void create() throws Exception {
    run.progress().phase(RestorePhase.CREATE);
    RestoreRequest r = run.request();
    VmRestore ops = run.operations();
    RestoredVm vm = r.createdVm();
    if (vm != null) {
      if (exists(ops, vm)) {
        run.vm(vm);
        return;
      }
      LOG.warning(
          () -> "VM " + vm.vmId() + " of restore " + r.restoreId() + " is gone; creating it again");
      catalog.vmRemoved(r.restoreId());
      run.progress().start(r.totalBytes(), 0);
    }
    RestoredVm created = ops.create(run.spec());
    catalog.vmCreated(r.restoreId(), created);
    run.vm(created);
    run.request(catalog.request(r.restoreId()));
  }

  private static boolean exists(VmRestore ops, RestoredVm vm) throws SourceException {
    try {
      ops.powerState(vm.vmId());
      return true;
    } catch (SourceException e) {
      if (e.problem() == SourceProblem.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** Replaces the original if asked, powers on if asked, and records the end. */
  void finish() throws Exception {
    run.progress().phase(RestorePhase.FINISH);
    RestoreRequest r = catalog.request(run.restoreId());
    VmRestore ops = run.operations();
    RestoredVm vm = run.vm();
    if (r.replaceVmId() != null) {
      if (!r.originalRemoved()) {
        requirePoweredOff(ops, r.replaceVmId(), r.targetName());
        catalog.originalRemoved(r.restoreId());
        ops.delete(r.replaceVmId());
      }
      if (!vm.name().equals(r.targetName())) {
        ops.rename(vm.vmId(), r.targetName());
      }
    }
    String warning = null;
    if (r.powerOn() && ops.powerState(vm.vmId()) != VmInfo.PowerState.POWERED_ON) {
      try {
        ops.powerOn(vm.vmId());
      } catch (SourceException e) {
        warning = "The VM was restored but did not power on: " + e.getMessage();
      }
    }
    catalog.completed(r.restoreId(), vm.vmId(), r.targetName(), warning);
    run.markComplete();
    run.progress().phase(RestorePhase.COMPLETE);
  }
}
