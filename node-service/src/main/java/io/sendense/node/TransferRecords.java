package io.sendense.node;

import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * Sends the node's "transfer committed" records (how far each disk's image is durable) to the hub
 * behind the job's threads. On the hub the record is a local database write; from a node it is a
 * call over mutual TLS with a full handshake, which the transfer waited for after every chunk:
 * {@code bench/bench-node.sh CALLS=1} measured 4.2 s of the job threads' time per 512 MiB backup
 * spent waiting on the hub, nearly all of the node's lag behind the hub (docs/nodes.md).
 *
 * <p>A record only tells the hub how far a restart may skip, and the image is durable up to it
 * before it is made, so a late record is safe: a restart from an older position writes some blocks
 * again. Records of one disk replace each other while they wait (the newest wins), one thread sends
 * them in order, and every other catalog call of the backup first waits until the records taken so
 * far reached the hub ({@link #flush}), so the hub never sees the backup completed, failed or asked
 * about before its last position. A record the hub did not take (after the calls' own retries)
 * fails the backup's next record or flush, as the synchronous call failed the chunk before.
 */
final class TransferRecords {
  private final BiConsumer<Long, JsonObject> send;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "transfer-records");
            t.setDaemon(true);
            return t;
          });

  /** Waiting records by backup and disk, oldest first. */
  private final Map<String, Waiting> waiting = new LinkedHashMap<>();

  private final Map<Long, RuntimeException> failures = new HashMap<>();
  private Long sending;
  private boolean draining;

  private record Waiting(long backupId, JsonObject args) {}

  /** {@code send} delivers one record of a backup to the hub, throwing when it cannot. */
  TransferRecords(BiConsumer<Long, JsonObject> send) {
    this.send = send;
  }

  /** Queues the record of a disk of a backup, replacing that disk's record still waiting. */
  synchronized void record(long backupId, int diskKey, JsonObject args) {
    throwFailure(backupId);
    waiting.put(backupId + "/" + diskKey, new Waiting(backupId, args));
    if (!draining) {
      draining = true;
      sender.execute(this::drain);
    }
  }

  /**
   * Waits until every record of the backup taken so far reached the hub.
   *
   * @throws RuntimeException the failure of a record the hub did not take
   */
  synchronized void flush(long backupId) {
    while (sending != null && sending == backupId || hasWaiting(backupId)) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "Interrupted while the transfer records reached the hub", e);
      }
    }
    throwFailure(backupId);
  }

  /** As {@link #flush}, but a failed record is dropped rather than thrown (before failing it). */
  synchronized void flushQuietly(long backupId) {
    try {
      flush(backupId);
    } catch (RuntimeException alreadyFailing) {
      // the backup is being failed anyway; its failure is the reason the caller reports
    }
  }

  private boolean hasWaiting(long backupId) {
    return waiting.values().stream().anyMatch(w -> w.backupId() == backupId);
  }

  private void throwFailure(long backupId) {
    RuntimeException failure = failures.remove(backupId);
    if (failure != null) {
      throw failure;
    }
  }

  private void drain() {
    while (true) {
      Waiting next;
      synchronized (this) {
        Iterator<Waiting> oldest = waiting.values().iterator();
        if (!oldest.hasNext()) {
          draining = false;
          notifyAll();
          return;
        }
        next = oldest.next();
        oldest.remove();
        sending = next.backupId();
      }
      RuntimeException failure = null;
      try {
        send.accept(next.backupId(), next.args());
      } catch (RuntimeException e) {
        failure = e;
      }
      synchronized (this) {
        if (failure != null) {
          failures.putIfAbsent(next.backupId(), failure);
        }
        sending = null;
        notifyAll();
      }
    }
  }
}
