package io.sendense.webapp.backup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which queued backup jobs may start now: at most {@code perRepository} running jobs per
 * repository, {@code perSource} per source (vCenter), {@code total} in the hub, and one per VM.
 * Queued jobs are taken oldest first; a job that cannot start gets the reason it waits.
 */
public record JobLimits(int total, int perRepository, int perSource) {
  public JobLimits {
    if (total < 1 || perRepository < 1 || perSource < 1) {
      throw new IllegalArgumentException(
          "Job limits must be at least 1: total="
              + total
              + ", per repository="
              + perRepository
              + ", per source="
              + perSource);
    }
  }

  /** What the decision needs of a job. */
  public record Slot(
      long jobId,
      long vmId,
      long repositoryId,
      String repositoryName,
      long sourceId,
      String sourceName) {}

  /** For each queued job, in queue order: {@code null} to start it now, else why it waits. */
  public Map<Long, String> plan(List<Slot> running, List<Slot> queued) {
    Map<Long, Integer> byRepository = new HashMap<>();
    Map<Long, Integer> bySource = new HashMap<>();
    Set<Long> vms = new HashSet<>();
    List<Slot> active = new ArrayList<>(running);
    active.forEach(s -> take(s, byRepository, bySource, vms));
    Map<Long, String> plan = new LinkedHashMap<>();
    for (Slot job : queued) {
      String reason = reason(job, active.size(), byRepository, bySource, vms);
      plan.put(job.jobId(), reason);
      if (reason == null) {
        active.add(job);
        take(job, byRepository, bySource, vms);
      }
    }
    return plan;
  }

  private String reason(
      Slot job,
      int running,
      Map<Long, Integer> byRepository,
      Map<Long, Integer> bySource,
      Set<Long> vms) {
    if (vms.contains(job.vmId())) {
      return "Waiting: another backup of this VM is running";
    }
    if (running >= total) {
      return "Waiting: the hub already runs " + running + " backup jobs (limit " + total + ")";
    }
    int inRepository = byRepository.getOrDefault(job.repositoryId(), 0);
    if (inRepository >= perRepository) {
      return "Waiting: repository '"
          + job.repositoryName()
          + "' already takes "
          + inRepository
          + " backups (limit "
          + perRepository
          + ")";
    }
    int inSource = bySource.getOrDefault(job.sourceId(), 0);
    if (inSource >= perSource) {
      return "Waiting: source '"
          + job.sourceName()
          + "' already serves "
          + inSource
          + " backups (limit "
          + perSource
          + ")";
    }
    return null;
  }

  private static void take(
      Slot s, Map<Long, Integer> byRepository, Map<Long, Integer> bySource, Set<Long> vms) {
    byRepository.merge(s.repositoryId(), 1, Integer::sum);
    bySource.merge(s.sourceId(), 1, Integer::sum);
    vms.add(s.vmId());
  }
}
