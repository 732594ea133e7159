package io.sendense.webapp.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;

/**
 * The service level over the last days: once a day, at the time of day the report is made (now, now
 * - 1 day, ...), is each VM's newest good point at that moment within the VM's RPO target? A VM
 * counts from one RPO target after the first flow that covers it now was created (it had a full
 * period to get its first point); VMs without a scheduled flow do not count. Plain logic, tested
 * without a container; {@link ReportService} feeds it from the catalog.
 */
public final class SlaReport {
  private SlaReport() {}

  /** A VM the SLA measures: its RPO target and since when a flow covers it. */
  public record Measured(long vmId, String vmName, long rpoTargetSeconds, Instant coveredSince) {}

  /**
   * The SLA over {@code days} days.
   *
   * @param points per VM id, when its good (COMPLETE) points were completed
   */
  public static Sla of(
      List<Measured> vms, Map<Long, NavigableSet<Instant>> points, Instant now, int days) {
    List<VmSla> rows = new ArrayList<>(vms.size());
    long samples = 0;
    long met = 0;
    for (Measured vm : vms) {
      NavigableSet<Instant> done =
          points.getOrDefault(vm.vmId(), java.util.Collections.emptyNavigableSet());
      Instant countsFrom = vm.coveredSince().plusSeconds(vm.rpoTargetSeconds());
      int vmSamples = 0;
      int vmMet = 0;
      for (int d = 0; d < days; d++) {
        Instant at = now.minus(Duration.ofDays(d));
        if (at.isBefore(countsFrom)) {
          break;
        }
        vmSamples++;
        Instant newest = done.floor(at);
        if (newest != null && Duration.between(newest, at).toSeconds() <= vm.rpoTargetSeconds()) {
          vmMet++;
        }
      }
      rows.add(new VmSla(vm.vmId(), vm.vmName(), vmSamples, vmMet, percent(vmMet, vmSamples)));
      samples += vmSamples;
      met += vmMet;
    }
    return new Sla(now, days, samples, met, percent(met, samples), rows);
  }

  /** {@code part} of {@code whole} in percent with one decimal; null when there is no whole. */
  static Double percent(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
  }
}
