package io.sendense.webapp.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sendense.persistence.metrics.MetricsStore.FlowPoint;
import io.sendense.persistence.metrics.MetricsStore.JobCount;
import io.sendense.persistence.metrics.MetricsStore.RepositorySpace;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubMetersTest {
  private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");

  private static MetricsSnapshot snapshot(List<RepositorySpace> repositories) {
    return new MetricsSnapshot(
        List.of(
            new JobCount("backup", "RUNNING", 2),
            new JobCount("backup", "FAILED", 3),
            new JobCount("backup", "COMPLETED", 9),
            new JobCount("restore_vm", "QUEUED", 1)),
        1_000,
        4_194_304,
        52_428_800,
        repositories,
        List.of(new FlowPoint("nightly", NOW.minusSeconds(3600)), new FlowPoint("never-ran", null)),
        2);
  }

  @Test
  void theTextShowsWhatTheSnapshotSaysWithLabelsAndUnits() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HubMeters meters = new HubMeters(registry);
    meters.update(snapshot(List.of(new RepositorySpace("local", 123_456_789L))), NOW);
    String text = registry.scrape();
    assertTrue(text.contains("sendense_jobs{state=\"running\",type=\"backup\"} 2.0"), text);
    assertTrue(text.contains("sendense_jobs{state=\"failed\",type=\"backup\"} 3.0"), text);
    assertTrue(text.contains("sendense_jobs{state=\"queued\",type=\"restore_vm\"} 1.0"), text);
    assertTrue(text.contains("sendense_jobs{state=\"running\",type=\"restore_vm\"} 0.0"), text);
    assertTrue(text.contains("sendense_jobs{state=\"running\",type=\"copy\"} 0.0"), text);
    assertFalse(text.contains("state=\"completed\""), "completed jobs are not a state shown");
    assertTrue(text.contains("sendense_backup_written_bytes 4194304.0"), text);
    assertTrue(text.contains("sendense_backup_read_bytes 1000.0"), text);
    assertTrue(text.contains("sendense_transfer_rate_bytes_per_second 5.24288E7"), text);
    assertTrue(
        text.contains("sendense_repository_free_bytes{repository=\"local\"} 1.23456789E8"), text);
    assertTrue(
        text.contains("sendense_flow_last_good_point_age_seconds{flow=\"nightly\"} 3600.0"), text);
    assertFalse(
        text.contains("sendense_flow_last_good_point_age_seconds{flow=\"never-ran\"}"), text);
    assertTrue(text.contains("sendense_flow_has_good_point{flow=\"never-ran\"} 0.0"), text);
    assertTrue(text.contains("sendense_restore_sessions_open 2.0"), text);
  }

  @Test
  void aRepositoryThatIsGoneLeavesTheText() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HubMeters meters = new HubMeters(registry);
    meters.update(snapshot(List.of(new RepositorySpace("old", 5L))), NOW);
    meters.update(snapshot(List.of(new RepositorySpace("new", 7L))), NOW);
    String text = registry.scrape();
    assertFalse(text.contains("repository=\"old\""), text);
    assertTrue(text.contains("sendense_repository_free_bytes{repository=\"new\"} 7.0"), text);
  }
}
