package io.sendense.persistence.testing;

import io.sendense.persistence.embedded.EmbeddedDatabase;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mariadb.jdbc.MariaDbDataSource;

/** The test run's MariaDB; hands out fresh schemas with their own user. */
public final class TestDatabase implements ExtensionContext.Store.CloseableResource {
  private final EmbeddedDatabase db;
  private final Runnable cleanup;
  private final AtomicInteger schemas = new AtomicInteger();

  TestDatabase(EmbeddedDatabase db, Runnable cleanup) {
    this.db = db;
    this.cleanup = cleanup;
  }

  public EmbeddedDatabase server() {
    return db;
  }

  /** A new empty schema owned by a new user. */
  public Schema newSchema() {
    String name = "it_" + ProcessHandle.current().pid() + "_" + schemas.incrementAndGet();
    String password = MariaDbExtension.randomPassword();
    db.ensureSchemaAndUser(name, name, password);
    return new Schema(db.jdbcUrl(name), name, password);
  }

  @Override
  public void close() {
    try {
      db.close();
    } finally {
      cleanup.run();
    }
  }

  /** Connection facts of one schema. */
  public record Schema(String url, String user, String password) {
    public MariaDbDataSource dataSource() {
      try {
        MariaDbDataSource ds = new MariaDbDataSource(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
