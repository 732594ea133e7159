package io.sendense.webapp.vmrestore;

import io.sendense.batch.point.PointJson;
import io.sendense.batch.restore.RestoreSpecs;
import io.sendense.batch.restore.port.RestorePointPort;
import io.sendense.persistence.restore.RestoreJob;
import io.sendense.persistence.restore.RestoreJobDisk;
import io.sendense.persistence.restore.RestoreJobPhase;
import io.sendense.persistence.restore.RestoreJobStatus;
import io.sendense.persistence.restore.RestoreJobStore;
import io.sendense.persistence.source.Source;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.Vm;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmPlacement;
import io.sendense.plugin.api.source.VmRestoreSpec;
import io.sendense.webapp.backup.BackupDetailDto;
import io.sendense.webapp.backup.BackupDiskDto;
import io.sendense.webapp.backup.JobChanged;
import io.sendense.webapp.backup.RestorePoints;
import io.sendense.webapp.common.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * VM restores in the catalog: a request checked and turned into a queued restore, and the reads the
 * API and pages show. Role checks and the audit are {@link VmRestoreActions}'.
 */
@ApplicationScoped
@Transactional
public class VmRestoreService {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

  @Inject Clock clock;
  @Inject RestoreJobStore jobs;
  @Inject Event<JobChanged> changed;
  @Inject RestorePoints points;
  @Inject SourceStore sources;
  @Inject RestorePointPort pointPort;
  @Inject VmRestorePlacement placement;
  @Inject NodeRestoreWaits nodeWaits;
  @Inject VmRestoreSettings settings;

  /** What a request resolves to in the catalog, before anything is queued. */
  public record Plan(
      RestoreJob job, VmConfiguration configuration, Vm vm, Source source, VmRestoreSpec spec) {}

  /**
   * Checks a request against the catalog and fills in the defaults; nothing is stored.
   *
   * @throws Refusal naming what to fix
   */
  public Plan plan(VmRestoreRequest r, String user) {
    if (r.backupId() == null) {
      throw new Refusal(400, "Give backupId, the restore point to restore");
    }
    BackupDetailDto point = points.get(r.backupId());
    if (!"COMPLETE".equals(point.backup().status())) {
      throw new Refusal(
          409,
          "Backup "
              + r.backupId()
              + " is "
              + point.backup().status()
              + "; only COMPLETE points can be restored");
    }
    VmConfiguration config = configuration(r.backupId());
    Vm vm = sources.vm(point.backup().vmId()).orElseThrow();
    long sourceId = r.sourceId() == null ? vm.getSource().getId() : r.sourceId();
    Source source =
        sources.byId(sourceId).orElseThrow(() -> new Refusal(404, "No source with id " + sourceId));
    RestoreJob job = new RestoreJob();
    job.setBackupId(r.backupId());
    job.setVmId(vm.getId());
    job.setSourceId(sourceId);
    job.setVmName(vm.getName());
    job.setPointTime(point.backup().startedAt());
    job.setRequestedBy(user);
    job.setPowerOn(r.powerOn());
    job.setDiskProvisioning(provisioning(r.diskProvisioning()));
    job.setNetworkMapJson(PointJson.write(r.networkMap()));
    job.setPlacementJson(
        PointJson.write(
            new VmPlacement(
                r.datacenter(),
                r.folder(),
                r.cluster(),
                r.host(),
                r.resourcePool(),
                r.datastore())));
    if (r.replaceOriginal()) {
      replacing(job, r, vm, sourceId);
    } else {
      job.setTargetName(name(r.name(), vm.getName(), clock.instant()));
    }
    for (BackupDiskDto d : point.disks()) {
      if (config.disk(d.diskKey()).isEmpty()) {
        throw new Refusal(
            409,
            "Disk "
                + d.label()
                + " of backup "
                + r.backupId()
                + " is not in its recorded configuration");
      }
      job.getDisks().add(new RestoreJobDisk(d.diskKey(), d.index(), d.label(), d.capacityBytes()));
    }
    VmRestoreSpec spec = RestoreSpecs.spec(HubRestoreCatalogPort.request(job), config);
    return new Plan(job, config, vm, source, spec);
  }

  private VmConfiguration configuration(long backupId) {
    try {
      return pointPort.configuration(backupId);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new Refusal(409, e.getMessage());
    }
  }

  private static void replacing(RestoreJob job, VmRestoreRequest r, Vm vm, long sourceId) {
    if (vm.getSource().getId() != sourceId) {
      throw new Refusal(
          400,
          "The original VM "
              + vm.getName()
              + " is in another source; restore it as a new VM there");
    }
    if (!vm.getName().equals(r.confirmName())) {
      throw new Refusal(
          400, "To restore over VM " + vm.getName() + ", type its name in confirmName");
    }
    job.setTargetName(vm.getName());
    job.setReplaceVmId(vm.getMoref());
  }

  /** The name given, or "&lt;vm&gt;-restored-&lt;date&gt;" with the UTC date of {@code now}. */
  static String name(String given, String vmName, java.time.Instant now) {
    String name =
        given == null || given.isBlank()
            ? vmName + "-restored-" + STAMP.format(now)
            : given.strip();
    if (name.length() > 80 || name.contains("/") || name.contains("\\") || name.contains("%")) {
      throw new Refusal(
          400, "A VM name has at most 80 characters and no '/', '\\\\' or '%': " + name);
    }
    return name;
  }

  static String provisioning(String value) {
    if (value == null || value.isBlank() || value.equalsIgnoreCase("as-recorded")) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "thin" -> VmConfiguration.Provisioning.THIN.name();
      case "thick", "thick-lazy", "lazy" -> VmConfiguration.Provisioning.THICK_LAZY_ZEROED.name();
      case "eager", "thick-eager" -> VmConfiguration.Provisioning.THICK_EAGER_ZEROED.name();
      default ->
          throw new Refusal(
              400,
              "diskProvisioning must be thin, thick, eager or as-recorded, not '" + value + "'");
    };
  }

  /** Stores a planned restore, QUEUED. */
  public VmRestoreDto queue(Plan plan) {
    VmRestoreDto queued = toDto(jobs.save(plan.job()));
    changed.fire(new JobChanged());
    return queued;
  }

  public VmRestoreDto get(long id) {
    return toDto(find(id));
  }

  public List<VmRestoreDto> list(VmRestoreQuery query) {
    return jobs.search(filter(query)).stream().map(this::toDto).toList();
  }

  /** How many restores {@link #list} finds without its limit. */
  public long count(VmRestoreQuery query) {
    return jobs.count(filter(query));
  }

  private static RestoreJobStore.Filter filter(VmRestoreQuery q) {
    return new RestoreJobStore.Filter(
        q.status(), q.vmName(), q.vmId(), q.from(), q.to(), q.limit());
  }

  /** The source a VM of the catalog belongs to: the default restore target. */
  public long sourceOfVm(long vmId) {
    return sources
        .vm(vmId)
        .orElseThrow(() -> new Refusal(404, "No VM with id " + vmId))
        .getSource()
        .getId();
  }

  /** The recorded configuration of a point, for the page's defaults. */
  public VmConfiguration recorded(long backupId) {
    return configuration(backupId);
  }

  RestoreJob find(long id) {
    return jobs.byId(id).orElseThrow(() -> new Refusal(404, "No VM restore with id " + id));
  }

  /** Puts a failed restore back in the queue; the job goes on from what the catalog recorded. */
  public VmRestoreDto requeue(long id) {
    RestoreJob job = find(id);
    if (job.getStatus() != RestoreJobStatus.FAILED) {
      throw new Refusal(
          409,
          "VM restore " + id + " is " + job.getStatus() + "; only a FAILED one can be restarted");
    }
    if (job.getBackupId() == null || job.getSourceId() == null) {
      throw new Refusal(
          409, "The restore point or the source of VM restore " + id + " was deleted");
    }
    job.setStatus(RestoreJobStatus.QUEUED);
    job.setNode(null);
    job.setCancelRequested(false);
    job.setErrorMessage(null);
    job.setEndedAt(null);
    job.setPhase(RestoreJobPhase.QUEUED);
    return toDto(job);
  }

  /** Cancels a queued restore, or asks a running one to stop; returns the execution to stop. */
  public Long cancel(long id, String by) {
    RestoreJob job = find(id);
    switch (job.getStatus()) {
      case QUEUED -> {
        job.setStatus(RestoreJobStatus.FAILED);
        job.setPhase(RestoreJobPhase.FAILED);
        job.setEndedAt(clock.instant());
        job.setErrorMessage("Cancelled by " + by + " before it started. Nothing was created.");
        return null;
      }
      case RUNNING -> {
        jobs.requestCancel(id);
        return job.getJobExecutionId();
      }
      default -> throw new Refusal(409, "VM restore " + id + " is " + job.getStatus() + " already");
    }
  }

  VmRestoreDto toDto(RestoreJob j) {
    boolean completed = j.getStatus() == RestoreJobStatus.COMPLETED;
    return new VmRestoreDto(
        j.getId(),
        j.getStatus(),
        j.getPhase(),
        j.getBackupId(),
        j.getVmId(),
        j.getVmName(),
        j.getPointTime(),
        j.getSourceId(),
        j.getTargetName(),
        j.getCreatedVmId(),
        j.isPowerOn(),
        j.getReplaceVmId() != null,
        PointJson.placement(j.getPlacementJson()),
        PointJson.map(j.getNetworkMapJson()),
        j.getDiskProvisioning(),
        ResolvedTarget.parse(j.getResolvedJson()),
        j.getDisks().stream()
            .map(
                d ->
                    new VmRestoreDto.Disk(
                        d.getDiskKey(),
                        d.getDiskIndex(),
                        d.getLabel(),
                        d.getCapacityBytes(),
                        d.isUploaded()))
            .toList(),
        j.getBytesDone(),
        j.getBytesTotal(),
        j.getRateBps(),
        j.getEtaSeconds(),
        j.getQueuedAt(),
        j.getStartedAt(),
        j.getFirstByteAt(),
        j.getEndedAt(),
        j.getExecutions(),
        j.getInterruptions(),
        j.getRequestedBy(),
        completed ? null : j.getErrorMessage(),
        completed ? j.getErrorMessage() : null,
        nodeName(j),
        waitReason(j));
  }

  /** Why a queued restore waits: its node's state or limit, or the hub's restore limit. */
  private String waitReason(RestoreJob j) {
    if (j.getStatus() != RestoreJobStatus.QUEUED) {
      return null;
    }
    var node = placement.of(j);
    if (node != null) {
      return nodeWaits.whyRestoreWaits(node);
    }
    long running =
        jobs.inStatus(List.of(RestoreJobStatus.RUNNING)).stream()
            .filter(r -> r.getNode() == null)
            .count();
    return running >= settings.max()
        ? "The hub runs "
            + running
            + " restores, its limit (sendense.restores.max); this one starts when one ends"
        : "Starts at the hub's next dispatcher pass";
  }

  /** The node that runs or ran the restore; for a queued one, the node it is placed on. */
  private String nodeName(RestoreJob j) {
    var node =
        j.getNode() == null && j.getStatus() == RestoreJobStatus.QUEUED
            ? placement.of(j)
            : j.getNode();
    return node == null ? null : node.getName();
  }
}
