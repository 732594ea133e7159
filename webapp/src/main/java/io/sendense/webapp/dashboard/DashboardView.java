package io.sendense.webapp.dashboard;

import io.sendense.persistence.summary.SummaryStore;
import io.sendense.persistence.summary.SummaryStore.CatalogCounts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The dashboard's numbers, read once per request. */
@Named
@RequestScoped
public class DashboardView {
  @Inject SummaryStore summary;
  private CatalogCounts counts;

  public CatalogCounts getCounts() {
    if (counts == null) {
      counts = summary.counts();
    }
    return counts;
  }
}
