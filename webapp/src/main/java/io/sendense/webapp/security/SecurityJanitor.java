package io.sendense.webapp.security;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a minute: audits the failed logins counted since the last run (one row per user name and
 * address) and drops expired authentication cache and throttle entries. Also when the hub stops, so
 * no counted failure is lost.
 */
@WebListener
public class SecurityJanitor implements ServletContextListener {
  private static final Logger LOG = Logger.getLogger(SecurityJanitor.class.getName());

  @Inject Authentication authentication;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> task;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    task = scheduler.scheduleWithFixedDelay(this::run, 1, 1, TimeUnit.MINUTES);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (task != null) {
      task.cancel(false);
    }
    run();
  }

  private void run() {
    try {
      authentication.housekeeping();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Login audit and cache housekeeping failed; retrying in a minute", e);
    }
  }
}
