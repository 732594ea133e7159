package io.sendense.plugins.vmware;

import io.sendense.plugin.api.source.DiskReader;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;

/**
 * Reads disks through the datastore HTTP file service of vCenter/ESXi ({@code
 * /folder/{path}?dcPath=..&dsName=..}) with HTTP Range requests, authenticated by the SOAP
 * session's cookie, using the same certificate decision as the SOAP connection.
 *
 * <p>It uses {@code HttpsURLConnection} (keep-alive connections reused by the JDK) on a pool of its
 * own threads: measured against vcsim, it reads about twice as fast as {@code
 * java.net.http.HttpClient} over TLS on this JDK.
 */
final class HttpFileTransport implements DiskTransport {

  private final SSLSocketFactory tls;
  private final String baseUrl;
  private final Supplier<String> cookie;
  private final int streams;
  private final Duration timeout;
  private final ExecutorService pool;

  /**
   * @param baseUrl "https://host:port"
   * @param cookie the session cookie, fetched per reader (a secret: never logged)
   * @param streams requests kept in flight per disk
   */
  HttpFileTransport(
      String baseUrl,
      SSLSocketFactory tls,
      Supplier<String> cookie,
      int streams,
      Duration timeout) {
    this.tls = tls;
    this.baseUrl = baseUrl;
    this.cookie = cookie;
    this.streams = streams;
    this.timeout = timeout;
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
    return new HttpDiskReader(
        new HttpDiskReader.Endpoint(url(location), cookie.get(), tls, timeout),
        location,
        pool,
        streams);
  }

  URL url(DiskLocation location) {
    String text =
        baseUrl
            + "/folder/"
            + encodePath(location.file().path())
            + "?dcPath="
            + encode(location.datacenterPath())
            + "&dsName="
            + encode(location.file().datastore());
    try {
      return new URL(text);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("Cannot build a datastore URL for " + location.file(), e);
    }
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
