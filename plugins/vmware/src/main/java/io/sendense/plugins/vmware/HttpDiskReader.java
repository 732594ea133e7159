package io.sendense.plugins.vmware;

import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * Positional reads of one datastore file with HTTP Range requests. A read is split into chunks of
 * at most {@link #CHUNK} bytes, and up to {@code streams} chunk requests (from all threads using
 * this reader) are in flight at once, which hides the round trip of each request.
 */
final class HttpDiskReader implements DiskReader {

  static final int CHUNK = 1 << 20;

  private final HttpClient client;
  private final URI uri;
  private final String cookie;
  private final DiskTransport.DiskLocation location;
  private final Semaphore inFlight;
  private final Duration timeout;

  HttpDiskReader(
      HttpClient client,
      URI uri,
      String cookie,
      DiskTransport.DiskLocation location,
      int streams,
      Duration timeout) {
    this.client = client;
    this.uri = uri;
    this.cookie = cookie;
    this.location = location;
    this.inFlight = new Semaphore(streams);
    this.timeout = timeout;
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
    List<CompletableFuture<byte[]>> parts = new ArrayList<>();
    for (int done = 0; done < length; done += CHUNK) {
      parts.add(fetch(position + done, Math.min(CHUNK, length - done)));
    }
    for (CompletableFuture<byte[]> part : parts) {
      dst.put(await(part));
    }
    return length;
  }

  private CompletableFuture<byte[]> fetch(long position, int length) throws SourceException {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(
          SourceProblem.OTHER, "Read of " + location.file() + " interrupted", e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Cookie", cookie)
            .header("Range", "bytes=" + position + "-" + (position + length - 1))
            .GET()
            .build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .whenComplete((response, error) -> inFlight.release())
        .thenApply(response -> check(response, position, length));
  }

  private byte[] check(HttpResponse<byte[]> response, long position, int length) {
    int status = response.statusCode();
    boolean whole = status == 200 && position == 0 && response.body().length == length;
    if ((status != 206 && !whole) || response.body().length != length) {
      throw new CompletionException(
          new SourceException(
              problemFor(status), describe(status, position, length, response.body().length)));
    }
    return response.body();
  }

  private String describe(int status, long position, int length, int got) {
    String what = "Reading " + length + " bytes at " + position + " of " + location.file();
    return switch (status) {
      case 401, 403 ->
          what + ": the datastore refused the session (HTTP " + status + "); log in again";
      case 404 ->
          what
              + ": no such file on datastore "
              + location.file().datastore()
              + " in "
              + location.datacenterPath();
      default -> what + ": HTTP " + status + " with " + got + " bytes";
    };
  }

  private static SourceProblem problemFor(int status) {
    return switch (status) {
      case 401, 403 -> SourceProblem.CONNECTION_LOST;
      case 404 -> SourceProblem.NOT_FOUND;
      default -> SourceProblem.PROTOCOL_ERROR;
    };
  }

  private byte[] await(CompletableFuture<byte[]> part) throws SourceException {
    try {
      return part.join();
    } catch (CompletionException e) {
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
    // Connections belong to the transport's HttpClient and are reused by the next reader.
  }
}
