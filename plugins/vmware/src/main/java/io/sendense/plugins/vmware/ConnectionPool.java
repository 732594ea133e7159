package io.sendense.plugins.vmware;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most {@code size} persistent connections of one disk reader: a request takes an idle one (the
 * most recently used, whose TLS records are already large) or opens one, and gives it back for the
 * next request. Closing the pool closes every connection, also those in use, so reads blocked on
 * them fail at once.
 */
final class ConnectionPool implements Closeable {

  /** Opens a new connection. */
  interface Opener {
    RangeConnection open() throws IOException;
  }

  private final Opener opener;
  private final int size;
  private final Semaphore permits;
  private final Deque<RangeConnection> idle = new ArrayDeque<>();
  private final Set<RangeConnection> all = ConcurrentHashMap.newKeySet();
  private boolean closed;

  ConnectionPool(Opener opener, int size) {
    this.opener = opener;
    this.size = size;
    this.permits = new Semaphore(size);
  }

  /** The most connections open at once. */
  int size() {
    return size;
  }

  /** An idle connection or a new one; waits while {@code size} are in use. */
  RangeConnection take() throws IOException {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a connection");
    }
    try {
      synchronized (this) {
        if (closed) {
          throw new IOException("the disk reader is closed");
        }
        RangeConnection reused = idle.pollFirst();
        if (reused != null) {
          return reused;
        }
      }
      return opened();
    } catch (IOException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  /** Closes a connection {@link #take} returned and opens a new one under the same permit. */
  RangeConnection replace(RangeConnection stale) throws IOException {
    stale.close();
    all.remove(stale);
    synchronized (this) {
      if (closed) {
        throw new IOException("the disk reader is closed");
      }
    }
    return opened();
  }

  private RangeConnection opened() throws IOException {
    RangeConnection connection = opener.open();
    all.add(connection);
    return connection;
  }

  /**
   * Gives back a connection from {@link #take} or {@link #replace}; it waits for the next request
   * if still open.
   */
  void give(RangeConnection connection) {
    boolean keep;
    synchronized (this) {
      keep = connection.isOpen() && !closed;
      if (keep) {
        idle.addFirst(connection);
      }
    }
    if (!keep) {
      connection.close();
      all.remove(connection);
    }
    permits.release();
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      idle.clear();
    }
    for (RangeConnection connection : all) {
      connection.close();
    }
    all.clear();
  }
}
