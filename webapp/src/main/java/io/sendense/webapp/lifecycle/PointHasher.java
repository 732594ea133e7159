package io.sendense.webapp.lifecycle;

import io.sendense.batch.lifecycle.ImageChecks;
import io.sendense.image.store.ImageStore;
import io.sendense.webapp.bootstrap.HubBootstrap;
import io.sendense.webapp.security.SystemCaller;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records the SHA-256 of each image of a completed point, right after the backup and off its
 * critical path: a point is complete (a parent, restorable) once its images are committed and
 * durable, and the hash is a verification fact about those bytes. Until it is recorded the image is
 * "hash pending" in the catalog ({@code backup_disks.hash_pending}), which is neither verified nor
 * corrupt. Work that needs the hash (merges, copies, verification) calls {@link #ensureHashed},
 * which waits for a hash in progress or computes it on the caller's thread; the hub hashes what a
 * previous run left pending when it starts. At most {@code sendense.hash.threads} images (default
 * 1) are hashed in the background at once, so the hasher never takes more than that many cores from
 * running transfers; 0 turns background hashing off (images are then hashed only when verification,
 * a merge or a copy needs the hash: for tests and diagnosis).
 */
@ApplicationScoped
public class PointHasher {
  private static final Logger LOG = Logger.getLogger(PointHasher.class.getName());

  @Inject HubBootstrap bootstrap;
  @Inject HashRecords records;
  @Inject ManifestService manifests;
  @Inject Clock clock;
  @Inject Event<NodeLifecycleWork.Hash> onNode;

  @Inject
  @ConfigProperty(name = "sendense.hash.threads", defaultValue = "1")
  int threads;

  @Resource ManagedExecutorService executor;

  private final LinkedHashSet<Long> queue = new LinkedHashSet<>();
  private final ConcurrentHashMap<Long, CompletableFuture<Void>> inflight =
      new ConcurrentHashMap<>();
  private final List<Future<?>> loops = new ArrayList<>();
  private volatile boolean stopped;
  private boolean resumed;

  synchronized void start() {
    if (loops.isEmpty()) {
      for (int i = 0; i < threads; i++) {
        loops.add(executor.submit(this::loop));
      }
    }
  }

  @PreDestroy
  synchronized void stop() {
    stopped = true;
    notifyAll();
    loops.forEach(l -> l.cancel(true));
  }

  /** Queues the images of a point whose completion was committed. */
  void completed(@Observes(during = TransactionPhase.AFTER_SUCCESS) HashPending pending) {
    submit(pending.diskIds());
  }

  /** Queues images for the background threads; an image already queued stays where it is. */
  public synchronized void submit(List<Long> diskIds) {
    if (queue.addAll(diskIds)) {
      notifyAll();
    }
  }

  /** Whether images wait for the background threads or are being hashed. */
  public synchronized boolean busy() {
    return !queue.isEmpty() || !inflight.isEmpty();
  }

  /**
   * Makes sure the image's hash is recorded if it was pending: waits for a hash in progress, else
   * hashes it on this thread.
   *
   * @throws IOException if the image cannot be read (it stays pending)
   */
  public void ensureHashed(long diskId) throws IOException {
    while (true) {
      CompletableFuture<Void> mine = new CompletableFuture<>();
      CompletableFuture<Void> running = inflight.putIfAbsent(diskId, mine);
      if (running == null) {
        try {
          hashNow(diskId);
          mine.complete(null);
        } catch (IOException | RuntimeException e) {
          mine.completeExceptionally(e);
          throw e;
        } finally {
          inflight.remove(diskId, mine);
        }
        return;
      }
      awaitQuietly(running);
    }
  }

  /** {@link #ensureHashed} for the catalog's image named {@code file} in a repository. */
  public void ensureHashed(long repositoryId, String file) throws IOException {
    Optional<Long> id = records.pendingByFile(repositoryId, file);
    if (id.isPresent()) {
      ensureHashed(id.get());
    }
  }

  /** {@link #ensureHashed} for every image of a point's chains. */
  public void ensureChainsHashed(long backupId) throws IOException {
    for (long id : records.pendingInChains(backupId)) {
      ensureHashed(id);
    }
  }

  private void hashNow(long diskId) throws IOException {
    Optional<HashRecords.Target> target = records.pending(diskId);
    if (target.isEmpty()) {
      return;
    }
    HashRecords.Target t = target.get();
    long started = System.nanoTime();
    String sha256;
    try (ImageStore store = open(t)) {
      sha256 = ImageChecks.hash(store, t.file(), t.size());
    }
    records.record(diskId, t.file(), sha256, clock.instant());
    LOG.fine(
        () -> "Hashed " + t.file() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
  }

  /**
   * The image's repository; one placed on a node is hashed there instead (the image stays pending
   * until the node reports its hash).
   */
  private ImageStore open(HashRecords.Target t) {
    try {
      return manifests.open(t.repositoryId());
    } catch (RepositoryUnreachable e) {
      onNode.fire(new NodeLifecycleWork.Hash(e.nodeId(), t.repositoryId(), t.diskId()));
      throw e;
    }
  }

  private void loop() {
    try {
      while (!stopped && !bootstrap.ready()) {
        Thread.sleep(500);
      }
      resumePending();
      while (!stopped) {
        Long next = take();
        if (next == null) {
          return;
        }
        try {
          SystemCaller.run(
              () -> {
                try {
                  ensureHashed(next);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
                return null;
              });
        } catch (RepositoryUnreachable e) {
          LOG.fine(() -> "The SHA-256 of image " + next + " stays pending: " + e.getMessage());
        } catch (RuntimeException e) {
          LOG.log(
              Level.WARNING,
              "The SHA-256 of image "
                  + next
                  + " was not recorded; it stays pending until the hub starts again or the point"
                  + " is verified",
              e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Queues what a previous run of the hub left pending, once. */
  private void resumePending() {
    synchronized (this) {
      if (resumed) {
        return;
      }
      resumed = true;
    }
    try {
      List<Long> left = SystemCaller.run(records::pendingDisks);
      if (!left.isEmpty()) {
        LOG.info(() -> "Hashing " + left.size() + " images a previous run left pending");
        submit(left);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Images left pending could not be listed", e);
    }
  }

  private synchronized Long take() throws InterruptedException {
    while (!stopped && queue.isEmpty()) {
      wait();
    }
    if (stopped) {
      return null;
    }
    Long next = queue.iterator().next();
    queue.remove(next);
    return next;
  }

  private static void awaitQuietly(CompletableFuture<Void> running) throws IOException {
    try {
      running.get();
    } catch (ExecutionException e) {
      // the other caller reports its failure; this one tries again (the image may still be pending)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for an image's hash");
    }
  }

  /** Starts the hasher with the web module, whose component context its threads inherit. */
  @WebListener
  public static class Starter implements ServletContextListener {
    @Inject PointHasher hasher;

    @Override
    public void contextInitialized(ServletContextEvent event) {
      hasher.start();
    }
  }
}
