package io.sendense.webapp.restore;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A prepared download: status, headers and a body that streams straight to the client. The API
 * (JAX-RS) and the Restore page (a servlet under the page's login) both send these, so there is one
 * streaming implementation.
 *
 * @param length the {@code Content-Length}, or -1 when unknown (a ZIP built while it streams)
 */
public record Download(
    int status, String contentType, long length, Map<String, String> headers, Body body) {
  /** Writes the content; runs after the status and headers are sent. */
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  public Download {
    headers = Map.copyOf(headers);
  }

  /** An attachment named {@code fileName}, with more headers. */
  static Download attachment(
      int status,
      String contentType,
      long length,
      String fileName,
      Map<String, String> extra,
      Body body) {
    Map<String, String> headers = new LinkedHashMap<>(extra);
    headers.put("Content-Disposition", contentDisposition(fileName));
    headers.put("X-Content-Type-Options", "nosniff");
    return new Download(status, contentType, length, headers, body);
  }

  /**
   * {@code attachment} with an ASCII fallback {@code filename} and the exact name as RFC 5987
   * {@code filename*} (UTF-8, percent-encoded), so every browser saves it under a safe name.
   */
  static String contentDisposition(String fileName) {
    StringBuilder ascii = new StringBuilder();
    for (char c : fileName.toCharArray()) {
      ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/' ? c : '_');
    }
    String encoded =
        URLEncoder.encode(fileName, StandardCharsets.UTF_8)
            .replace("+", "%20")
            .replace("*", "%2A")
            .replace("%7E", "~");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
