package io.sendense.webapp.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps work that rewrites a VM's chains in a repository (merges, verification) apart from work
 * that reads or extends them (backup jobs, new restore sessions). One hold per VM and repository,
 * in this hub's memory: the job dispatcher starts a job only through {@link #whenFree}, which runs
 * under the same monitor as {@link #tryHold}, so neither can slip in between the other's check and
 * start. Until the hub has finished the merges a previous run left open, every chain counts as
 * held.
 */
@ApplicationScoped
public class ChainGuard {
  private final Map<Key, String> holds = new HashMap<>();
  private boolean recovered;

  private record Key(long vmId, long repositoryId) {}

  /** Why the VM's chains in the repository are held, or empty. */
  public synchronized Optional<String> busy(long vmId, long repositoryId) {
    if (!recovered) {
      return Optional.of("the hub is finishing merges a previous run left open");
    }
    return Optional.ofNullable(holds.get(new Key(vmId, repositoryId)));
  }

  /**
   * Holds the chains, unless held already or {@code free} says no.
   *
   * @param free checked under the monitor, for example "no backup job of the VM is running"
   * @return empty when held now, else why not
   */
  public synchronized Optional<String> tryHold(
      long vmId, long repositoryId, String why, Supplier<Optional<String>> free) {
    Key key = new Key(vmId, repositoryId);
    String held = holds.get(key);
    if (held != null) {
      return Optional.of(held);
    }
    Optional<String> notFree = free.get();
    if (notFree.isEmpty()) {
      holds.put(key, why);
    }
    return notFree;
  }

  /** Holds the chains for recovery, before the hub starts anything else. */
  public synchronized void holdForRecovery(long vmId, long repositoryId) {
    holds.put(new Key(vmId, repositoryId), "the hub is finishing a merge a previous run left open");
  }

  public synchronized void release(long vmId, long repositoryId) {
    holds.remove(new Key(vmId, repositoryId));
  }

  /** Marks the start-up recovery done: chains no longer count as held unless held. */
  public synchronized void recovered() {
    recovered = true;
  }

  /** Runs {@code start} if the chains are free, under the monitor; else returns why not. */
  public synchronized Optional<String> whenFree(long vmId, long repositoryId, Runnable start) {
    Optional<String> held = busy(vmId, repositoryId);
    if (held.isEmpty()) {
      start.run();
    }
    return held;
  }
}
