package io.sendense.webapp.repository;

import io.sendense.webapp.security.SystemCaller;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once an hour the hub reads every enabled repository's capacity, so the catalog holds the history
 * the capacity report fits its forecast to (each refresh keeps a sample), and thins that history to
 * one sample an hour, and one a day after {@code sendense.capacity.hourly-days}. Two hubs on one
 * catalog both sample and thin; the forecast does not mind.
 */
@Singleton
@Startup
// No tick on a catalog still being migrated (WildFly starts timers while the WAR deploys).
@DependsOn("HubBootstrap")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CapacitySampler {
  private static final Logger LOG = Logger.getLogger(CapacitySampler.class.getName());

  @Inject RepositoryService repositories;

  @Schedule(minute = "17", hour = "*", persistent = false)
  void tick() {
    try {
      SystemCaller.run(repositories::refreshAll);
      int pruned = repositories.pruneSamples();
      LOG.fine(() -> "Capacity history: " + pruned + " sample(s) thinned out");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Hourly capacity reading failed; the next hour retries", e);
    }
  }
}
