package io.sendense.webapp.dashboard;

import io.sendense.persistence.summary.SummaryStore.CatalogCounts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The dashboard's numbers, read once per request. */
@Named
@RequestScoped
public class DashboardView {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  @Inject DashboardService dashboard;
  private CatalogCounts counts;
  private DashboardData data;

  public CatalogCounts getCounts() {
    if (counts == null) {
      counts = dashboard.catalogCounts();
    }
    return counts;
  }

  public DashboardData getData() {
    if (data == null) {
      data = dashboard.load();
    }
    return data;
  }

  public String when(Instant instant) {
    return instant == null ? "-" : WHEN.format(instant);
  }
}
