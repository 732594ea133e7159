package io.sendense.webapp.restore;

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
 * Expires idle restore sessions every minute, and removes flattened disk images a stopped hub left
 * behind. Scheduled from the web module's start (like the job dispatcher), not from an EJB.
 */
@WebListener
public class RestoreJanitor implements ServletContextListener {
  private static final Logger LOG = Logger.getLogger(RestoreJanitor.class.getName());

  @Inject RestoreSessions sessions;
  @Inject DiskExports exports;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> task;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    exports.cleanTemporaryFiles();
    task = scheduler.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.MINUTES);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (task != null) {
      task.cancel(false);
    }
  }

  private void expire() {
    try {
      sessions.expireIdle();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Expiring idle restore sessions failed; retrying in a minute", e);
    }
  }
}
