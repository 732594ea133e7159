package io.sendense.plugins.vmware;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One persistent HTTP/1.1 connection over TLS, carrying one Range GET after another and reading
 * each body straight into the caller's buffer.
 *
 * <p>Why not {@code HttpsURLConnection}: the JDK keeps at most five idle connections per server for
 * the whole JVM, so several disks with several streams each kept opening new connections, and every
 * new connection pays a TLS handshake and starts with small TLS records (Go's server, like vcsim's,
 * grows them only after ~128 KiB). It also read each range into a fresh array and copied it. {@code
 * java.net.http.HttpClient} negotiates HTTP/2 (16 KiB frames, flow control windows) unless told
 * otherwise and copies bodies into its own buffers.
 */
final class RangeConnection implements Closeable {

  /** A reused connection the server had already closed: the request may be sent again. */
  static final class StaleConnectionException extends IOException {
    StaleConnectionException(IOException cause) {
      super("the server had closed the idle connection", cause);
    }
  }

  private final Socket plain;
  private final Socket socket;
  private final HttpInput in;
  private final OutputStream out;
  private int served;
  private volatile boolean open = true;

  /**
   * @param plain the TCP connection
   * @param socket the socket requests go through: a TLS socket layered on {@code plain}, or {@code
   *     plain} itself (unit tests)
   */
  RangeConnection(Socket plain, Socket socket) throws IOException {
    this.plain = plain;
    this.socket = socket;
    this.in = new HttpInput(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects and completes the TLS handshake (the trust manager decides about the certificate). */
  static RangeConnection open(String host, int port, SSLSocketFactory tls, Duration timeout)
      throws IOException {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true);
      plain.connect(new InetSocketAddress(host, port), millis);
      plain.setSoTimeout(millis);
      SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, true);
      socket.startHandshake();
      return new RangeConnection(plain, socket);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** Negotiated TLS protocol and cipher suite, for the log. */
  String tlsDescription() {
    SSLSession session = ((SSLSocket) socket).getSession();
    return session.getProtocol() + " " + session.getCipherSuite();
  }

  boolean isOpen() {
    return open;
  }

  /**
   * GETs {@code dst.remaining()} bytes at {@code position} into {@code dst}.
   *
   * @param requestHead the request line and headers up to, without, the Range header and the empty
   *     line that ends the head
   * @return 206, or 200 if {@code position} is 0 and the server sent the whole resource: {@code
   *     dst} is full. Any other status: {@code dst} is untouched and the connection closed.
   * @throws StaleConnectionException if this connection had served a response before and the server
   *     closed it before answering: nothing was received, the request can be repeated
   * @throws ProtocolException if the server answered with other bytes than asked
   */
  int get(String requestHead, long position, ByteBuffer dst) throws IOException {
    long last = position + dst.remaining() - 1;
    ResponseHead head = send(requestHead + "Range: bytes=" + position + "-" + last + "\r\n\r\n");
    boolean whole = head.status() == 200 && position == 0;
    if (head.status() != 206 && !whole) {
      close();
      return head.status();
    }
    if (head.status() == 206 && !head.covers(position, last)) {
      close();
      throw new ProtocolException(
          "asked for bytes "
              + position
              + "-"
              + last
              + ", the server answered with range '"
              + head.contentRange()
              + "' of "
              + head.contentLength()
              + " bytes");
    }
    boolean complete = readBody(head, dst, whole);
    if (complete && head.keepAlive()) {
      served++;
    } else {
      close();
    }
    return head.status();
  }

  private ResponseHead send(String request) throws IOException {
    try {
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return ResponseHead.read(in);
    } catch (EOFException | SocketException e) {
      close();
      if (served > 0) {
        throw new StaleConnectionException(e);
      }
      throw e;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Reads the body into dst; returns whether the body ended exactly there. */
  private boolean readBody(ResponseHead head, ByteBuffer dst, boolean whole) throws IOException {
    try {
      if (head.chunked()) {
        if (whole) {
          return false; // the rest of the resource is still coming: the caller closes
        }
        readChunked(dst);
        return true;
      }
      if (head.contentLength() < dst.remaining()) {
        throw new ProtocolException(
            "the server sends "
                + head.contentLength()
                + " bytes for "
                + dst.remaining()
                + " asked");
      }
      long extra = head.contentLength() - dst.remaining();
      in.readFully(dst);
      return extra == 0;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void readChunked(ByteBuffer dst) throws IOException {
    while (true) {
      String line = in.readLine();
      int end = line.indexOf(';');
      long size;
      try {
        size = Long.parseLong((end < 0 ? line : line.substring(0, end)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new ProtocolException("bad chunk size line '" + line + "'");
      }
      if (size == 0) {
        while (!in.readLine().isEmpty()) {
          // trailer fields are of no use here
        }
        if (dst.hasRemaining()) {
          throw new ProtocolException(
              "the answer ended " + dst.remaining() + " bytes short of the range asked");
        }
        return;
      }
      if (size > dst.remaining()) {
        throw new ProtocolException("the answer holds more bytes than the range asked");
      }
      ByteBuffer part = dst.slice(dst.position(), (int) size);
      in.readFully(part);
      dst.position(dst.position() + (int) size);
      in.readLine();
    }
  }

  /**
   * Closes the TCP connection without a TLS close_notify, so that a read blocked in another thread
   * fails at once (closing the TLS socket could wait for that read).
   */
  @Override
  public void close() {
    open = false;
    try {
      plain.close();
    } catch (IOException e) {
      // closing after a failure: nothing more to do
    }
  }
}
