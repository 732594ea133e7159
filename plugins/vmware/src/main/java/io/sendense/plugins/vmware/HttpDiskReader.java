package io.sendense.plugins.vmware;

import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * Positional reads of one datastore file with HTTP Range requests on a small pool of persistent
 * connections of its own ({@link ConnectionPool}, {@code streams} connections at most). A read of
 * up to {@link #CHUNK} bytes is one request on the calling thread, its body read straight into the
 * caller's buffer; a larger read is split into chunks fetched at once on the transport's threads.
 * Callers that read ahead from several threads (the backup job does) get one connection each.
 */
final class HttpDiskReader implements DiskReader {

  static final int CHUNK = 2 << 20;

  private final DiskTransport.DiskLocation location;
  private final String requestHead;
  private final ConnectionPool connections;
  private final ExecutorService pool;

  /**
   * @param requestHead request line and headers (with the session cookie, a secret: never log it)
   *     up to the Range header
   */
  HttpDiskReader(
      DiskTransport.DiskLocation location,
      String requestHead,
      ConnectionPool connections,
      ExecutorService pool) {
    this.location = location;
    this.requestHead = requestHead;
    this.connections = connections;
    this.pool = pool;
  }

  @Override
  public long size() {
    return location.capacity();
  }

  /** One read per connection of the pool. */
  @Override
  public int parallelReads() {
    return connections.size();
  }

  @Override
  public int read(ByteBuffer dst, long position) throws SourceException {
    if (position >= size()) {
      return -1;
    }
    int length = (int) Math.min(dst.remaining(), size() - position);
    if (length <= CHUNK) {
      fetch(dst.slice(dst.position(), length), position);
    } else {
      List<Future<Void>> parts = new ArrayList<>();
      SourceException failed = null;
      for (int done = 0; done < length && failed == null; done += CHUNK) {
        ByteBuffer part = dst.slice(dst.position() + done, Math.min(CHUNK, length - done));
        try {
          parts.add(submit(part, position + done));
        } catch (SourceException e) {
          failed = e;
        }
      }
      // Every part is awaited, also after a failure: none may write into dst after we return.
      for (Future<Void> part : parts) {
        SourceException e = await(part);
        failed = failed == null ? e : failed;
      }
      if (failed != null) {
        throw failed;
      }
    }
    dst.position(dst.position() + length);
    return length;
  }

  private Future<Void> submit(ByteBuffer part, long at) throws SourceException {
    try {
      return pool.submit(
          () -> {
            fetch(part, at);
            return null;
          });
    } catch (RejectedExecutionException e) {
      throw new SourceException(SourceProblem.OTHER, "The session was closed", e);
    }
  }

  /** Fills {@code dst} with the bytes at {@code position}, with one request. */
  private void fetch(ByteBuffer dst, long position) throws SourceException {
    int length = dst.remaining();
    RangeConnection connection = null;
    try {
      connection = connections.take();
      int status;
      try {
        status = connection.get(requestHead, position, dst);
      } catch (RangeConnection.StaleConnectionException e) {
        connection = connections.replace(connection);
        status = connection.get(requestHead, position, dst);
      }
      if (status != 206 && !(status == 200 && position == 0)) {
        throw new SourceException(problemFor(status), describe(status, position, length));
      }
    } catch (IOException e) {
      throw failure(position, length, e);
    } finally {
      if (connection != null) {
        connections.give(connection);
      }
    }
  }

  private SourceException failure(long position, int length, IOException e) {
    String what = "Reading " + length + " bytes at " + position + " of " + location.file();
    if (e instanceof java.net.ProtocolException) {
      return new SourceException(SourceProblem.PROTOCOL_ERROR, what + ": " + e.getMessage(), e);
    }
    SourceException mapped = Faults.map(what, e, null);
    return mapped.problem() == SourceProblem.OTHER
        ? new SourceException(SourceProblem.CONNECTION_LOST, mapped.getMessage(), e)
        : mapped;
  }

  private String describe(int status, long position, int length) {
    String what = "Reading " + length + " bytes at " + position + " of " + location.file();
    return switch (status) {
      case 401, 403 ->
          what + ": the datastore refused the session (HTTP " + status + "); log in again";
      case 404 ->
          what
              + ": no such file on datastore "
              + location.file().datastore()
              + " in datacenter "
              + location.datacenterPath();
      default -> what + ": unexpected HTTP " + status;
    };
  }

  private static SourceProblem problemFor(int status) {
    return switch (status) {
      case 401, 403 -> SourceProblem.CONNECTION_LOST;
      case 404 -> SourceProblem.NOT_FOUND;
      default -> SourceProblem.PROTOCOL_ERROR;
    };
  }

  /** Waits for a part; returns its failure or null. */
  private SourceException await(Future<Void> part) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          part.get();
          return null;
        } catch (InterruptedException e) {
          interrupted = true; // still wait: the part writes into the caller's buffer
        } catch (ExecutionException e) {
          return e.getCause() instanceof SourceException s
              ? s
              : new SourceException(
                  SourceProblem.OTHER, "Reading " + location.file() + " failed", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Closes the connections, also those a read still uses (that read fails). */
  @Override
  public void close() {
    connections.close();
  }
}
