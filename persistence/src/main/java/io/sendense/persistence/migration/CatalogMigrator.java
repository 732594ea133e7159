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
            .validateOnMigrate(true)
            .load();
    MigrateResult result = flyway.migrate();
    return result.targetSchemaVersion != null
        ? result.targetSchemaVersion
        : flyway.info().current().getVersion().getVersion();
  }
}
