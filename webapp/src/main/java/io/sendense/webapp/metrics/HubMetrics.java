package io.sendense.webapp.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sendense.persistence.metrics.MetricsStore;
import io.sendense.webapp.restore.RestoreSessions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * The hub's Prometheus registry. Values come from the catalog at each scrape (a handful of
 * aggregate queries), so every hub on one catalog reports the same catalog numbers; open restore
 * sessions are this hub's own.
 */
@ApplicationScoped
public class HubMetrics {
  @Inject MetricsStore store;
  @Inject RestoreSessions sessions;
  @Inject Clock clock;

  private PrometheusMeterRegistry registry;
  private HubMeters meters;

  @PostConstruct
  void init() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    meters = new HubMeters(registry);
  }

  /** The Prometheus text exposition of the current values. */
  @Transactional
  public synchronized String scrape() {
    long[] bytes = store.backupBytes();
    meters.update(
        new MetricsSnapshot(
            store.jobCounts(),
            bytes[0],
            bytes[1],
            store.transferRate(),
            store.repositories(),
            store.flowPoints(),
            sessions.openCount()),
        clock.instant());
    return registry.scrape();
  }
}
