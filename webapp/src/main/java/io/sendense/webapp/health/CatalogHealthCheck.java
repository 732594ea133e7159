package io.sendense.webapp.health;

import io.sendense.webapp.bootstrap.CatalogDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The hub is ready only while its catalog database answers. */
@Readiness
@ApplicationScoped
public class CatalogHealthCheck implements HealthCheck {
  @Inject CatalogDataSource catalog;

  @Override
  public HealthCheckResponse call() {
    try (Connection c = catalog.get().getConnection()) {
      boolean valid = c.isValid(2);
      return HealthCheckResponse.named("catalog-database")
          .status(valid)
          .withData("product", c.getMetaData().getDatabaseProductVersion())
          .build();
    } catch (SQLException e) {
      return HealthCheckResponse.named("catalog-database")
          .down()
          .withData("error", String.valueOf(e.getMessage()))
          .build();
    }
  }
}
