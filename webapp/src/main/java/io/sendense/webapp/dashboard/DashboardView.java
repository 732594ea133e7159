package io.sendense.webapp.dashboard;

import io.sendense.persistence.summary.SummaryStore.CatalogCounts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The dashboard's numbers, read once per request. */
@Named
@RequestScoped
public class DashboardView {
  @Inject DashboardService dashboard;
  private CatalogCounts counts;
  private DashboardData data;
  private GettingStarted gettingStarted;

  public CatalogCounts getCounts() {
    if (counts == null) {
      counts = dashboard.catalogCounts();
    }
    return counts;
  }

  public GettingStarted getGettingStarted() {
    if (gettingStarted == null) {
      gettingStarted = dashboard.gettingStarted();
    }
    return gettingStarted;
  }

  public DashboardData getData() {
    if (data == null) {
      data = dashboard.load();
    }
    return data;
  }
}
