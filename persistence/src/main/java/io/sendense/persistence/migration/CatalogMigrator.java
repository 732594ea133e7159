package io.sendense.persistence.migration;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a catalog database to the schema this build expects. The schema belongs to these
 * migrations alone: JPA never generates or alters tables.
 */
public final class CatalogMigrator {
  private CatalogMigrator() {}

  /**
   * Applies pending migrations and returns the schema version reached. A database that holds a
   * newer schema than this build knows fails with Flyway's message instead of being touched.
   */
  public static String migrate(DataSource dataSource) {
    Flyway flyway =
        Flyway.configure(CatalogMigrator.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .baselineOnMigrate(false)
            // V9 (nodes) and V10 (copies, immutable points) reached main after V11-V13: a catalog
            // created in between must still take them. Each migration is independent of the
            // versions around it, and a fresh catalog runs them in order.
            .outOfOrder(true)
            .validateOnMigrate(true)
            .load();
    MigrateResult result = flyway.migrate();
    return result.targetSchemaVersion != null
        ? result.targetSchemaVersion
        : flyway.info().current().getVersion().getVersion();
  }
}
