package io.sendense.webapp.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * What every API request must satisfy before a resource sees it:
 *
 * <ul>
 *   <li>A POST carries {@code Content-Type: application/json} or the header {@code
 *       X-Sendense-Request}: neither can be sent by a form or a simple cross-site request, so no
 *       other web site can make a browser post to the API (defence in depth: the API takes no
 *       cookies, and never asks browsers for Basic credentials).
 *   <li>A body is at most {@link #MAX_BODY} bytes (413 otherwise), also when it is sent chunked.
 * </ul>
 *
 * Refusals are JSON like every other API error.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class ApiGuard extends HttpFilter {
  private static final long serialVersionUID = 1L;

  /** The largest request body the API reads: JSON requests are small. */
  public static final int MAX_BODY = 1 << 20;

  /** The header that marks a script's POST without a JSON body (for example a Run Now). */
  public static final String HEADER = "X-Sendense-Request";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if ("POST".equalsIgnoreCase(request.getMethod())
        && !isJson(request.getContentType())
        && request.getHeader(HEADER) == null) {
      refuse(
          response,
          415,
          "unsupported_media_type",
          "POST requests to the API must send Content-Type: application/json (or, without a"
              + " body, the header "
              + HEADER
              + ": 1)");
      return;
    }
    if (request.getContentLengthLong() > MAX_BODY) {
      refuse(
          response,
          413,
          "payload_too_large",
          "The request body is larger than " + MAX_BODY + " bytes; API requests are small JSON");
      return;
    }
    chain.doFilter(new Bounded(request), response);
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.endsWith("+json");
  }

  static void refuse(HttpServletResponse response, int status, String code, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(ErrorBody.of(code, message));
  }

  /** The request with a body that fails past {@link #MAX_BODY} bytes. */
  private static final class Bounded extends HttpServletRequestWrapper {
    private ServletInputStream stream;

    Bounded(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedStream(super.getInputStream());
      }
      return stream;
    }
  }

  private static final class LimitedStream extends ServletInputStream {
    private final ServletInputStream in;
    private long read;

    LimitedStream(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > MAX_BODY) {
        throw new BodyTooLargeException();
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }

  /** A body went past {@link #MAX_BODY} while it was read. */
  public static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException() {
      super("The request body is larger than " + MAX_BODY + " bytes; API requests are small JSON");
    }
  }
}
