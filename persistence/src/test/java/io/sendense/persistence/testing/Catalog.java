package io.sendense.persistence.testing;

import io.sendense.persistence.migration.CatalogMigrator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** A migrated catalog schema with a resource-local persistence unit, for tests outside a server. */
public final class Catalog implements AutoCloseable {
  private final EntityManagerFactory emf;

  public Catalog(TestDatabase.Schema schema) {
    CatalogMigrator.migrate(schema.dataSource());
    emf =
        Persistence.createEntityManagerFactory(
            "sendense",
            Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                // A DataSource object, so EclipseLink never treats the password as encrypted.
                "jakarta.persistence.nonJtaDataSource", schema.dataSource()));
  }

  /** Runs {@code work} in one transaction and returns its result. */
  public <T> T inTx(Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      T result = work.apply(em);
      em.getTransaction().commit();
      return result;
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }

  public void run(Consumer<EntityManager> work) {
    inTx(
        em -> {
          work.accept(em);
          return null;
        });
  }

  @Override
  public void close() {
    emf.close();
  }
}
