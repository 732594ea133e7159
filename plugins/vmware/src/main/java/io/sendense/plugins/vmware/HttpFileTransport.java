package io.sendense.plugins.vmware;

import io.sendense.plugin.api.source.DiskReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Reads disks through the datastore HTTP file service of vCenter/ESXi ({@code
 * /folder/{path}?dcPath=..&dsName=..}) with HTTP Range requests, authenticated by the SOAP
 * session's cookie, using the same certificate decision as the SOAP connection.
 */
final class HttpFileTransport implements DiskTransport {

  private final HttpClient client;
  private final String baseUrl;
  private final Supplier<String> cookie;
  private final int streams;
  private final Duration timeout;

  /**
   * @param baseUrl "https://host:port"
   * @param cookie the session cookie, fetched per reader (a secret: never logged)
   * @param streams requests kept in flight per disk
   */
  HttpFileTransport(
      String baseUrl, SSLContext tls, Supplier<String> cookie, int streams, Duration timeout) {
    this.client =
        HttpClient.newBuilder()
            .sslContext(tls)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
    this.baseUrl = baseUrl;
    this.cookie = cookie;
    this.streams = streams;
    this.timeout = timeout;
  }

  @Override
  public DiskReader open(DiskLocation location) {
    return new HttpDiskReader(client, uri(location), cookie.get(), location, streams, timeout);
  }

  URI uri(DiskLocation location) {
    return URI.create(
        baseUrl
            + "/folder/"
            + encodePath(location.file().path())
            + "?dcPath="
            + encode(location.datacenterPath())
            + "&dsName="
            + encode(location.file().datastore()));
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
    // HttpClient of Java 17 has no close(); its connections end with the client's last reference.
  }
}
