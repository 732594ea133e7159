package io.sendense.webapp.bootstrap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The catalog's JNDI data source for the code that needs it beside JPA (migrations, the readiness
 * check). Its name is {@code sendense.db.jndi-name}: {@code jdbc/sendense} where the launcher runs
 * Payara Micro, {@code java:/jdbc/sendense} on WildFly, which binds data sources under {@code
 * java:} only and reads a name without that scheme in the component's own {@code java:comp/env}.
 * (persistence.xml names {@code jdbc/sendense}, which both servers resolve.)
 */
@ApplicationScoped
public class CatalogDataSource {
  @Inject
  @ConfigProperty(name = "sendense.db.jndi-name", defaultValue = "jdbc/sendense")
  String name;

  private volatile DataSource dataSource;

  public DataSource get() {
    DataSource found = dataSource;
    if (found == null) {
      try {
        found = InitialContext.doLookup(name);
      } catch (NamingException e) {
        throw new IllegalStateException(
            "No catalog data source at JNDI name "
                + name
                + " (set sendense.db.jndi-name to the name the server binds it at)",
            e);
      }
      dataSource = found;
    }
    return found;
  }
}
