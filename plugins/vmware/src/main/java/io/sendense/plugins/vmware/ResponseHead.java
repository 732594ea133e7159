package io.sendense.plugins.vmware;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.Locale;

/**
 * What a Range GET needs from the head of an HTTP/1.x response.
 *
 * @param status the status code
 * @param contentLength the body's length, or -1 if the head gives none
 * @param contentRange the Content-Range value, or {@code null}
 * @param chunked whether the body comes in chunked transfer coding
 * @param keepAlive whether the connection may carry the next request after this body
 */
record ResponseHead(
    int status, long contentLength, String contentRange, boolean chunked, boolean keepAlive) {

  private static final int MAX_HEADERS = 100;

  /** Reads a status line and headers up to the empty line. */
  static ResponseHead read(HttpInput in) throws IOException {
    String statusLine = in.readLine();
    if (!statusLine.matches("HTTP/1\\.[01] \\d{3}( .*)?")) {
      throw new ProtocolException(
          "not an HTTP/1.x answer: '"
              + statusLine.substring(0, Math.min(60, statusLine.length()))
              + "'");
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    boolean keepAlive = statusLine.startsWith("HTTP/1.1");
    long length = -1;
    String range = null;
    boolean chunked = false;
    int count = 0;
    for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
      if (++count > MAX_HEADERS) {
        throw new ProtocolException("more than " + MAX_HEADERS + " header lines");
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String value = line.substring(colon + 1).trim();
      switch (line.substring(0, colon).trim().toLowerCase(Locale.ROOT)) {
        case "content-length" -> length = parseLength(value);
        case "content-range" -> range = value;
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> {
          String v = value.toLowerCase(Locale.ROOT);
          keepAlive = !v.contains("close") && (keepAlive || v.contains("keep-alive"));
        }
        default -> {
          // not needed for a Range GET
        }
      }
    }
    return new ResponseHead(status, chunked ? -1 : length, range, chunked, keepAlive);
  }

  /**
   * Whether a 206 answer holds exactly the bytes from {@code first} to {@code last} (inclusive):
   * Content-Range "bytes first-last/size" (size may be "*").
   */
  boolean covers(long first, long last) {
    if (contentRange == null) {
      return false;
    }
    String expected = "bytes " + first + "-" + last + "/";
    return contentRange.toLowerCase(Locale.ROOT).startsWith(expected)
        && (contentLength < 0 || contentLength == last - first + 1);
  }

  private static long parseLength(String value) throws ProtocolException {
    try {
      long length = Long.parseLong(value);
      if (length < 0) {
        throw new NumberFormatException();
      }
      return length;
    } catch (NumberFormatException e) {
      throw new ProtocolException("bad Content-Length '" + value + "'");
    }
  }
}
