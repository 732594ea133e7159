package io.sendense.webapp.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.sendense.persistence.metrics.MetricsStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hub's meters on a Micrometer registry, set from a {@link MetricsSnapshot} before each scrape.
 * Kept free of the container so a test reads the Prometheus text of a known snapshot.
 */
public final class HubMeters {
  /** Job states shown for every type, also at zero, so a dashboard's series never vanish. */
  private static final List<String> STATES = List.of("queued", "running", "failed");

  private static final Set<String> TYPES = Set.of("backup", "copy", "restore_vm");

  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicLong bytesWritten = new AtomicLong();
  private final AtomicLong rate = new AtomicLong();
  private final AtomicLong sessions = new AtomicLong();
  private final MultiGauge jobs;
  private final MultiGauge repositoryFree;
  private final MultiGauge lastGoodAge;
  private final MultiGauge hasGoodPoint;

  public HubMeters(MeterRegistry registry) {
    Gauge.builder("sendense.backup.read", bytesRead, AtomicLong::get)
        .description("Bytes read from sources by the backups the catalog holds")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("sendense.backup.written", bytesWritten, AtomicLong::get)
        .description("Bytes written to repositories by the backups the catalog holds")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("sendense.transfer.rate", rate, AtomicLong::get)
        .description("Summed transfer rate of running backup and restore jobs")
        .baseUnit("bytes_per_second")
        .register(registry);
    Gauge.builder("sendense.restore.sessions.open", sessions, AtomicLong::get)
        .description("Restore sessions (opened disks of restore points) open in this hub")
        .register(registry);
    jobs =
        MultiGauge.builder("sendense.jobs")
            .description("Jobs by type and state (failed: every failed job the catalog holds)")
            .register(registry);
    repositoryFree =
        MultiGauge.builder("sendense.repository.free")
            .description("Free space of each repository, as last measured")
            .baseUnit("bytes")
            .register(registry);
    lastGoodAge =
        MultiGauge.builder("sendense.flow.last.good.point.age")
            .description("Age of each flow's newest complete restore point")
            .baseUnit("seconds")
            .register(registry);
    hasGoodPoint =
        MultiGauge.builder("sendense.flow.has.good.point")
            .description("1 if the flow has made a complete restore point, 0 if never")
            .register(registry);
  }

  /** Sets every meter from the snapshot, as of {@code now}. */
  public void update(MetricsSnapshot s, Instant now) {
    bytesRead.set(s.bytesRead());
    bytesWritten.set(s.bytesWritten());
    rate.set(s.transferRate());
    sessions.set(s.restoreSessions());
    Map<List<String>, Long> counts =
        new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    for (String type : TYPES) {
      for (String state : STATES) {
        counts.put(List.of(type, state), 0L);
      }
    }
    for (MetricsStore.JobCount c : s.jobs()) {
      String state = c.status().toLowerCase(java.util.Locale.ROOT);
      if (STATES.contains(state)) {
        counts.merge(List.of(c.type(), state), c.count(), Long::sum);
      }
    }
    jobs.register(
        counts.entrySet().stream()
            .map(
                e ->
                    MultiGauge.Row.of(
                        Tags.of("type", e.getKey().get(0), "state", e.getKey().get(1)),
                        e.getValue()))
            .toList(),
        true);
    repositoryFree.register(
        s.repositories().stream()
            .filter(r -> r.freeBytes() != null)
            .map(r -> MultiGauge.Row.of(Tags.of("repository", r.name()), r.freeBytes()))
            .toList(),
        true);
    lastGoodAge.register(
        s.flows().stream()
            .filter(f -> f.lastGoodAt() != null)
            .map(
                f ->
                    MultiGauge.Row.of(
                        Tags.of("flow", f.name()),
                        Math.max(0, Duration.between(f.lastGoodAt(), now).toSeconds())))
            .toList(),
        true);
    hasGoodPoint.register(
        s.flows().stream()
            .map(f -> MultiGauge.Row.of(Tags.of("flow", f.name()), f.lastGoodAt() == null ? 0 : 1))
            .toList(),
        true);
  }
}
