package io.sendense.plugins.vmware;

import io.sendense.plugin.api.source.DiskReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;

/**
 * Reads disks through the datastore HTTP file service of vCenter/ESXi ({@code
 * /folder/{path}?dcPath=..&dsName=..}) with HTTP/1.1 Range requests, authenticated by the SOAP
 * session's cookie, using the same certificate decision as the SOAP connection. Each disk reader
 * keeps up to {@code streams} persistent connections of its own ({@link RangeConnection}); the
 * negotiated TLS protocol and cipher suite are logged once per session.
 */
final class HttpFileTransport implements DiskTransport {

  private final SSLSocketFactory tls;
  private final String host;
  private final int port;
  private final Supplier<String> cookie;
  private final int streams;
  private final Duration timeout;
  private final System.Logger log;
  private final AtomicBoolean described = new AtomicBoolean();
  private final ExecutorService pool;

  /**
   * @param host name or address as it goes into a URL (IPv6 in brackets)
   * @param cookie the session cookie, fetched per reader (a secret: never logged)
   * @param streams connections per disk reader
   */
  HttpFileTransport(
      String host,
      int port,
      SSLSocketFactory tls,
      Supplier<String> cookie,
      int streams,
      Duration timeout,
      System.Logger log) {
    this.tls = tls;
    this.host = host;
    this.port = port;
    this.cookie = cookie;
    this.streams = streams;
    this.timeout = timeout;
    this.log = log;
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "sendense-vmware-disk-read");
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public DiskReader open(DiskLocation location) {
    String head =
        "GET "
            + target(location)
            + " HTTP/1.1\r\nHost: "
            + host
            + ":"
            + port
            + "\r\nCookie: "
            + cookie.get()
            + "\r\nUser-Agent: Sendense\r\n";
    return new HttpDiskReader(location, head, new ConnectionPool(this::connect, streams), pool);
  }

  private RangeConnection connect() throws java.io.IOException {
    String address = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    RangeConnection connection = RangeConnection.open(address, port, tls, timeout);
    if (described.compareAndSet(false, true)) {
      log.log(
          System.Logger.Level.INFO,
          "Datastore reads from {0}:{1} use {2} over HTTP/1.1, up to {3} persistent connections"
              + " per disk",
          host,
          Integer.toString(port),
          connection.tlsDescription(),
          streams);
    }
    return connection;
  }

  /** The request target: path and query of the datastore file's URL. */
  static String target(DiskLocation location) {
    return "/folder/"
        + encodePath(location.file().path())
        + "?dcPath="
        + encode(location.datacenterPath())
        + "&dsName="
        + encode(location.file().datastore());
  }

  private static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/")) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(encode(segment));
    }
    return out.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
