package io.sendense.webapp.metrics;

import io.sendense.persistence.metrics.MetricsStore;
import java.util.List;

/** What one scrape shows, read at once: catalog aggregates and the hub's open restore sessions. */
public record MetricsSnapshot(
    List<MetricsStore.JobCount> jobs,
    long bytesRead,
    long bytesWritten,
    long transferRate,
    List<MetricsStore.RepositorySpace> repositories,
    List<MetricsStore.FlowPoint> flows,
    int restoreSessions) {}
