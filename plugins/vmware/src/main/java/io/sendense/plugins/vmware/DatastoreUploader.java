package io.sendense.plugins.vmware;

import io.sendense.plugin.api.source.DiskContent;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.TransferProgress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Writes a disk's data file through the datastore HTTP file service: one {@code PUT} of the whole
 * flat file, authenticated by the SOAP session's cookie. The service takes whole files only, so the
 * content's holes cross the wire as zeros, but they are never read: the next piece of data is read
 * from the restore point while the current one is sent, and zeros come from one shared buffer.
 */
final class DatastoreUploader {

  static final int PIECE = 4 << 20;
  private static final byte[] ZEROS = new byte[1 << 20];

  private final String baseUrl;
  private final SSLSocketFactory tls;
  private final Supplier<String> cookie;
  private final Duration timeout;

  DatastoreUploader(
      String baseUrl, SSLSocketFactory tls, Supplier<String> cookie, Duration timeout) {
    this.baseUrl = baseUrl;
    this.tls = tls;
    this.cookie = cookie;
    this.timeout = timeout;
  }

  /** A run of the disk: data to read, or zeros. */
  record Piece(long offset, int length, boolean data) {}

  /** The disk cut into pieces of at most {@link #PIECE} bytes, data and zeros alternating. */
  static List<Piece> pieces(long size, List<DiskExtent> extents) {
    List<Piece> pieces = new ArrayList<>();
    long at = 0;
    for (DiskExtent e : extents) {
      long start = Math.max(at, e.offset());
      long end = Math.min(size, e.end());
      if (end <= start) {
        continue;
      }
      cut(pieces, at, start, false);
      cut(pieces, start, end, true);
      at = end;
    }
    cut(pieces, at, size, false);
    return pieces;
  }

  private static void cut(List<Piece> pieces, long from, long to, boolean data) {
    for (long p = from; p < to; p += PIECE) {
      pieces.add(new Piece(p, (int) Math.min(PIECE, to - p), data));
    }
  }

  void upload(
      String datacenterPath, DatastorePath file, DiskContent content, TransferProgress progress)
      throws SourceException {
    String what = "Uploading " + file;
    List<Piece> pieces;
    try {
      pieces = pieces(content.size(), content.dataExtents());
    } catch (IOException e) {
      throw new SourceException(
          SourceProblem.OTHER, what + ": the restore point cannot be read: " + e.getMessage(), e);
    }
    ExecutorService reader =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "sendense-vmware-disk-upload");
              t.setDaemon(true);
              return t;
            });
    HttpsURLConnection connection = null;
    try {
      connection = open(DatastoreUrls.of(baseUrl, datacenterPath, file), content.size());
      try (OutputStream out = connection.getOutputStream()) {
        send(pieces, content, progress, out, reader, what);
      }
      int status = connection.getResponseCode();
      if (status != 200 && status != 201 && status != 204) {
        drain(connection.getErrorStream());
        throw new SourceException(
            problemFor(status), what + ": the server answered HTTP " + status);
      }
      drain(connection.getInputStream());
    } catch (SourceException e) {
      throw e;
    } catch (IOException e) {
      throw new SourceException(
          SourceProblem.CONNECTION_LOST, what + " failed: " + Faults.describe(e), e);
    } finally {
      reader.shutdownNow();
      if (connection != null && progress.cancelled()) {
        connection.disconnect();
      }
    }
  }

  private static void send(
      List<Piece> pieces,
      DiskContent content,
      TransferProgress progress,
      OutputStream out,
      ExecutorService reader,
      String what)
      throws IOException {
    CompletableFuture<ByteBuffer> next = read(pieces, 0, content, reader);
    for (int i = 0; i < pieces.size(); i++) {
      if (progress.cancelled()) {
        throw new SourceException(SourceProblem.OTHER, what + " was cancelled");
      }
      Piece piece = pieces.get(i);
      ByteBuffer data = await(next, piece);
      next = read(pieces, i + 1, content, reader);
      if (data == null) {
        for (int done = 0; done < piece.length(); done += ZEROS.length) {
          out.write(ZEROS, 0, Math.min(ZEROS.length, piece.length() - done));
        }
      } else {
        out.write(data.array(), 0, piece.length());
      }
      progress.transferred(piece.length());
    }
  }

  /** Reads the next data piece in the background; null for zeros or past the end. */
  private static CompletableFuture<ByteBuffer> read(
      List<Piece> pieces, int index, DiskContent content, ExecutorService reader) {
    if (index >= pieces.size() || !pieces.get(index).data()) {
      return CompletableFuture.completedFuture(null);
    }
    Piece piece = pieces.get(index);
    return CompletableFuture.supplyAsync(
        () -> {
          ByteBuffer buffer = ByteBuffer.allocate(piece.length());
          try {
            content.read(buffer, piece.offset());
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return buffer;
        },
        reader);
  }

  private static ByteBuffer await(CompletableFuture<ByteBuffer> future, Piece piece)
      throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while reading the restore point", e);
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
      throw new SourceException(
          SourceProblem.OTHER,
          "The restore point cannot be read at byte " + piece.offset() + ": " + cause.getMessage(),
          cause);
    }
  }

  private HttpsURLConnection open(URL url, long size) throws IOException {
    HttpsURLConnection connection = (HttpsURLConnection) url.openConnection();
    connection.setSSLSocketFactory(tls);
    // The trust manager checked the certificate by its pinned thumbprint (or insecure was chosen).
    connection.setHostnameVerifier((host, session) -> true);
    connection.setConnectTimeout((int) timeout.toMillis());
    connection.setReadTimeout((int) timeout.toMillis());
    connection.setRequestMethod("PUT");
    connection.setDoOutput(true);
    connection.setFixedLengthStreamingMode(size);
    connection.setRequestProperty("Cookie", cookie.get());
    connection.setRequestProperty("Content-Type", "application/octet-stream");
    return connection;
  }

  private static SourceProblem problemFor(int status) {
    return switch (status) {
      case 401, 403 -> SourceProblem.INSUFFICIENT_PRIVILEGES;
      case 404 -> SourceProblem.NOT_FOUND;
      case 507 -> SourceProblem.NO_SPACE;
      default -> SourceProblem.PROTOCOL_ERROR;
    };
  }

  private static void drain(InputStream in) throws IOException {
    if (in != null) {
      try (in) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    }
  }
}
