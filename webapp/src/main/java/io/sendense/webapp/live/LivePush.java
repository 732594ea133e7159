package io.sendense.webapp.live;

import io.sendense.webapp.backup.BackupJobEnded;
import io.sendense.webapp.backup.JobChanged;
import io.sendense.webapp.backup.JobQueued;
import io.sendense.webapp.dashboard.DashboardService;
import io.sendense.webapp.flow.FlowRunEnded;
import io.sendense.webapp.flow.FlowsChanged;
import io.sendense.webapp.lifecycle.PointsChanged;
import io.sendense.webapp.node.NodesChanged;
import io.sendense.webapp.repository.RepositoriesChanged;
import io.sendense.webapp.source.SourcesChanged;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the open pages that jobs, flows, nodes or the dashboard's numbers changed, through the
 * Faces websocket channels {@code jobs}, {@code flows}, {@code nodes} and {@code dashboard}, so
 * they re-render instead of polling (a VM's performance and a VM restore's progress follow {@code
 * jobs}, each page acting on it only while its own job runs). The message is only the word {@value
 * #MESSAGE}: the page asks for its data through its own (authorised) request. Pushes are throttled
 * to one per channel per second; job progress alone would otherwise push every few hundred
 * milliseconds with several jobs running. The dashboard's cached counts are dropped just before its
 * push, so the refresh it causes reads them anew.
 */
@ApplicationScoped
public class LivePush {
  static final String MESSAGE = "changed";
  static final String JOBS = "jobs";
  static final String FLOWS = "flows";
  static final String DASHBOARD = "dashboard";
  static final String NODES = "nodes";
  static final long INTERVAL_MILLIS = 1000;

  private static final Logger LOG = Logger.getLogger(LivePush.class.getName());

  private final PushThrottle throttle = new PushThrottle(INTERVAL_MILLIS);

  @Inject
  @Push(channel = JOBS)
  PushContext jobs;

  @Inject
  @Push(channel = FLOWS)
  PushContext flows;

  @Inject
  @Push(channel = DASHBOARD)
  PushContext dashboardChannel;

  @Inject
  @Push(channel = NODES)
  PushContext nodes;

  @Inject DashboardService dashboard;

  @Resource ManagedExecutorService executor;

  /** Channels whose push is due, with the time (epoch ms) it may go out. */
  private final Map<String, Long> pending = new HashMap<>();

  private Future<?> sender;
  private volatile boolean stopped;

  /**
   * The pushes go out from one long-running thread of their own, started with the application: a
   * short task submitted from the request that made the change would carry that request's context,
   * and its end closed the request's own non-transactional EntityManager while the request still
   * rendered its page ("closed EntityManager" in the Flows table's refresh).
   */
  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    startSender();
  }

  private synchronized void startSender() {
    if (sender == null && !stopped) {
      sender = executor.submit(this::sendLoop);
    }
  }

  @PreDestroy
  synchronized void stop() {
    stopped = true;
    synchronized (pending) {
      pending.notifyAll();
    }
    if (sender != null) {
      sender.cancel(true);
    }
  }

  void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobQueued event) {
    changed(JOBS);
    changed(FLOWS);
    changed(DASHBOARD);
  }

  /**
   * Also a flow's (the Flows page shows the progress of a running flow's jobs) and the dashboard's
   * (running backups with their progress).
   */
  void jobChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobChanged event) {
    changed(JOBS);
    changed(FLOWS);
    changed(DASHBOARD);
  }

  void jobEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) BackupJobEnded event) {
    changed(JOBS);
    changed(FLOWS);
    changed(DASHBOARD);
  }

  void runEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) FlowRunEnded event) {
    changed(FLOWS);
    changed(DASHBOARD);
  }

  /** Flows added, changed or removed: the Flows page's rows and the dashboard's counts. */
  void flowsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) FlowsChanged event) {
    changed(FLOWS);
    changed(DASHBOARD);
  }

  /** A node's state, settings or jobs: the Nodes page. */
  void nodesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) NodesChanged event) {
    changed(NODES);
  }

  void sourcesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) SourcesChanged event) {
    changed(DASHBOARD);
  }

  void repositoriesChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) RepositoriesChanged event) {
    changed(DASHBOARD);
  }

  void pointsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PointsChanged event) {
    changed(DASHBOARD);
  }

  /** Pushes a change of {@code channel} now, or once its interval has passed. */
  void changed(String channel) {
    long now = System.currentTimeMillis();
    long delay = throttle.changed(channel, now);
    if (delay >= 0) {
      synchronized (pending) {
        pending.put(channel, now + delay);
        pending.notifyAll();
      }
      startSender();
    }
  }

  private void sendLoop() {
    try {
      while (!stopped) {
        String channel = nextDue();
        if (channel != null) {
          send(channel);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The channel whose push is due now; null after a wait (for the next one, or a change). */
  private String nextDue() throws InterruptedException {
    synchronized (pending) {
      var next = pending.entrySet().stream().min(Map.Entry.comparingByValue()).orElse(null);
      long wait = next == null ? 1000 : next.getValue() - System.currentTimeMillis();
      if (wait > 0) {
        pending.wait(wait);
        return null;
      }
      pending.remove(next.getKey());
      return next.getKey();
    }
  }

  private void send(String channel) {
    throttle.sending(channel, System.currentTimeMillis());
    try {
      if (DASHBOARD.equals(channel)) {
        dashboard.forgetCounts();
      }
      context(channel).send(MESSAGE);
    } catch (RuntimeException e) {
      // The pages fall back to polling when their socket closes; a failed push must not hurt.
      LOG.log(Level.FINE, "push on " + channel + " failed", e);
    }
  }

  private PushContext context(String channel) {
    return switch (channel) {
      case JOBS -> jobs;
      case FLOWS -> flows;
      case NODES -> nodes;
      default -> dashboardChannel;
    };
  }
}
