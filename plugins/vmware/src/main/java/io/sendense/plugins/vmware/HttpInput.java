package io.sendense.plugins.vmware;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The receiving side of one HTTP/1.1 connection: response heads line by line, bodies straight into
 * the caller's buffer. It buffers only what one read of the stream returns (one TLS record at
 * most), so body bytes that came with the head are handed over first and the rest is read into the
 * destination without another copy when the destination is a heap buffer.
 */
final class HttpInput {
  private static final int MAX_LINE = 8 << 10;

  private final InputStream in;
  private final byte[] buf = new byte[32 << 10];
  private int pos;
  private int end;
  private byte[] scratch;

  HttpInput(InputStream in) {
    this.in = in;
  }

  /**
   * One line without its CRLF (or LF), ISO-8859-1 as HTTP heads are.
   *
   * @throws EOFException if the stream ends first (the server closed the connection)
   */
  String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      if (pos == end && !fill()) {
        throw new EOFException("the server closed the connection");
      }
      int start = pos;
      while (pos < end && buf[pos] != '\n') {
        pos++;
      }
      line.append(new String(buf, start, pos - start, StandardCharsets.ISO_8859_1));
      if (line.length() > MAX_LINE) {
        throw new IOException("response line longer than " + MAX_LINE + " bytes");
      }
      if (pos < end) {
        pos++; // the LF
        int n = line.length();
        return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
      }
    }
  }

  /** Reads exactly {@code dst.remaining()} bytes into {@code dst}. */
  void readFully(ByteBuffer dst) throws IOException {
    int buffered = Math.min(end - pos, dst.remaining());
    dst.put(buf, pos, buffered);
    pos += buffered;
    while (dst.hasRemaining()) {
      int n;
      if (dst.hasArray()) {
        n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
        if (n > 0) {
          dst.position(dst.position() + n);
        }
      } else {
        if (scratch == null) {
          scratch = new byte[64 << 10];
        }
        n = in.read(scratch, 0, Math.min(scratch.length, dst.remaining()));
        if (n > 0) {
          dst.put(scratch, 0, n);
        }
      }
      if (n < 0) {
        throw new EOFException(
            "the server closed the connection with " + dst.remaining() + " bytes still to come");
      }
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n < 0) {
      return false;
    }
    pos = 0;
    end = n;
    return true;
  }
}
