package io.sendense.plugins.vmware;

import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Positional reads of one datastore file with HTTP Range requests. A read is split into chunks of
 * at most {@link #CHUNK} bytes, and up to {@code streams} chunk requests (from all threads using
 * this reader) are in flight at once, which hides the round trip of each request.
 */
final class HttpDiskReader implements DiskReader {

  static final int CHUNK = 2 << 20;

  /** Where and how to send requests; the cookie is a secret and never logged. */
  record Endpoint(URL url, String cookie, SSLSocketFactory tls, Duration timeout) {
    @Override
    public String toString() {
      return url.toString();
    }
  }

  private final Endpoint endpoint;
  private final DiskTransport.DiskLocation location;
  private final ExecutorService pool;
  private final Semaphore inFlight;

  HttpDiskReader(
      Endpoint endpoint, DiskTransport.DiskLocation location, ExecutorService pool, int streams) {
    this.endpoint = endpoint;
    this.location = location;
    this.pool = pool;
    this.inFlight = new Semaphore(streams);
  }

  @Override
  public long size() {
    return location.capacity();
  }

  @Override
  public int read(ByteBuffer dst, long position) throws SourceException {
    if (position >= size()) {
      return -1;
    }
    int length = (int) Math.min(dst.remaining(), size() - position);
    List<Future<byte[]>> parts = new ArrayList<>();
    for (int done = 0; done < length; done += CHUNK) {
      parts.add(submit(position + done, Math.min(CHUNK, length - done)));
    }
    for (Future<byte[]> part : parts) {
      dst.put(await(part));
    }
    return length;
  }

  private Future<byte[]> submit(long position, int length) throws SourceException {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(
          SourceProblem.OTHER, "Read of " + location.file() + " interrupted", e);
    }
    try {
      return pool.submit(
          () -> {
            try {
              return fetch(position, length);
            } finally {
              inFlight.release();
            }
          });
    } catch (RuntimeException e) {
      inFlight.release();
      throw new SourceException(SourceProblem.OTHER, "The session was closed", e);
    }
  }

  private byte[] fetch(long position, int length) throws IOException {
    HttpsURLConnection connection = open(position, length);
    int status = connection.getResponseCode();
    if (status != 206 && !(status == 200 && position == 0)) {
      drain(connection.getErrorStream());
      throw new SourceException(problemFor(status), describe(status, position, length));
    }
    try (InputStream in = connection.getInputStream()) {
      byte[] body = in.readNBytes(length);
      if (body.length != length) {
        throw new SourceException(
            SourceProblem.CONNECTION_LOST,
            describe(status, position, length) + ": got only " + body.length + " bytes");
      }
      if (status == 200) {
        connection.disconnect(); // the whole file came: do not reuse a half-read connection
      }
      return body;
    }
  }

  private HttpsURLConnection open(long position, int length) throws IOException {
    HttpsURLConnection connection = (HttpsURLConnection) endpoint.url().openConnection();
    connection.setSSLSocketFactory(endpoint.tls());
    // The trust manager already checked the certificate by its pinned thumbprint (or the admin
    // chose insecure mode); the name in the certificate does not matter for a pinned one.
    connection.setHostnameVerifier((host, session) -> true);
    connection.setConnectTimeout((int) endpoint.timeout().toMillis());
    connection.setReadTimeout((int) endpoint.timeout().toMillis());
    connection.setRequestProperty("Cookie", endpoint.cookie());
    connection.setRequestProperty("Range", "bytes=" + position + "-" + (position + length - 1));
    return connection;
  }

  private static void drain(InputStream error) throws IOException {
    if (error != null) {
      try (error) {
        error.readAllBytes();
      }
    }
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

  private byte[] await(Future<byte[]> part) throws SourceException {
    try {
      return part.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(
          SourceProblem.OTHER, "Read of " + location.file() + " interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SourceException s) {
        throw s;
      }
      SourceException mapped = Faults.map("Reading " + location.file(), cause, null);
      throw mapped.problem() == SourceProblem.OTHER
          ? new SourceException(SourceProblem.CONNECTION_LOST, mapped.getMessage(), cause)
          : mapped;
    }
  }

  @Override
  public void close() {
    // Connections are kept alive by the JDK for the next reader of the same server.
  }
}
