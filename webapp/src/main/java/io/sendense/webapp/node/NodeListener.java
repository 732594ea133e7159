package io.sendense.webapp.node;

import com.sun.net.httpserver.HttpsServer;
import io.sendense.webapp.bootstrap.HubBootstrap;
import io.sendense.webapp.config.HubSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listener nodes dial: a JDK HTTPS server inside the WAR (portable to any Jakarta EE server,
 * and its TLS fully under the hub's control) on {@code sendense.nodes.address}:{@code
 * sendense.nodes.port}, off when the port is 0. Its threads are the container's managed threads and
 * each exchange runs in the web module's context, so the handlers use CDI and transactions like any
 * request. It also runs the stale-job check every five seconds (with the OFFLINE check and the
 * removals that leave a node their repository is no longer placed on).
 */
@ApplicationScoped
public class NodeListener {
  private static final Logger LOG = Logger.getLogger(NodeListener.class.getName());

  @Inject HubSettings settings;
  @Inject HubBootstrap bootstrap;
  @Inject NodeAuthority authority;
  @Inject NodeService service;
  @Inject NodeApi api;
  @Inject NodeWork work;
  @Inject NodeWatch watch;
  @Inject NodeLifecycle lifecycle;

  @Resource ManagedThreadFactory threads;
  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ContextService contexts;

  private HttpsServer server;
  private ExecutorService pool;
  private ScheduledFuture<?> staleCheck;

  synchronized void start() {
    int port = settings.nodesPort();
    if (port <= 0 || server != null) {
      return;
    }
    try {
      server = HttpsServer.create(new InetSocketAddress(settings.nodesAddress(), port), 64);
      server.setHttpsConfigurator(
          NodeTls.configurator(
              NodeTls.serverContext(
                  authority.ca(), serial -> service.activeNode(serial).isPresent())));
      pool = Executors.newFixedThreadPool(settings.nodesListenerThreads(), threads);
      // Every task of the server (the TLS handshake with its trust check, then the exchange) runs
      // in the web module's context captured here: a managed thread alone carries no component
      // invocation, and each transactional call from it warned AS-JTA-00003.
      @SuppressWarnings("unchecked")
      Consumer<Runnable> inWebContext =
          contexts.createContextualProxy((Consumer<Runnable>) Runnable::run, Consumer.class);
      server.setExecutor(task -> pool.execute(() -> inWebContext.accept(task)));
      server.createContext("/", api);
      server.start();
      staleCheck = scheduler.scheduleWithFixedDelay(this::checkStale, 5, 5, TimeUnit.SECONDS);
      LOG.info(
          () ->
              "Node listener on "
                  + settings.nodesAddress()
                  + ":"
                  + port
                  + " (mutual TLS, "
                  + settings.nodesListenerThreads()
                  + " threads)");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The node listener cannot listen on port " + port + "; change sendense.nodes.port", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The node listener's TLS cannot be set up", e);
    }
  }

  private void checkStale() {
    if (!bootstrap.ready()) {
      return;
    }
    try {
      work.failStale();
      watch.check();
      lifecycle.sweep();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The node check (stale jobs, OFFLINE nodes) failed; retrying", e);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (staleCheck != null) {
      staleCheck.cancel(false);
    }
    if (server != null) {
      server.stop(0);
      pool.shutdownNow();
      server = null;
    }
  }

  /** Starts the listener with the web module, whose component context its threads carry. */
  @WebListener
  public static class Starter implements ServletContextListener {
    @Inject NodeListener listener;

    @Override
    public void contextInitialized(ServletContextEvent event) {
      listener.start();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
      listener.stop();
    }
  }
}
