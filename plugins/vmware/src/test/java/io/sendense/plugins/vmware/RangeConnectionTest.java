package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1.1 side of {@link RangeConnection} against a scripted server on a plain loopback socket
 * (TLS is the JDK's; vcsim covers it in the ITs): keep-alive reuse, bodies that start in the head's
 * read, chunked bodies, wrong ranges, errors, and a server that closed an idle connection.
 */
class RangeConnectionTest {
  private static final byte[] FILE = new byte[3 << 20];

  static {
    new Random(1).nextBytes(FILE);
  }

  private final ServerSocket server = listen();
  private final List<String> requests = new ArrayList<>();
  private CompletableFuture<Void> serving;
  private boolean closeAfterReply;

  private static ServerSocket listen() {
    try {
      return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    if (serving != null) {
      serving.get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Serves one connection: each request's head goes through {@code answer}; null (or any answer if
   * {@link #closeAfterReply}) closes the connection.
   */
  private RangeConnection connect(Function<String, byte[]> answer) throws IOException {
    serving =
        CompletableFuture.runAsync(
            () -> {
              try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                for (String head = readHead(in); head != null; head = readHead(in)) {
                  synchronized (requests) {
                    requests.add(head);
                  }
                  byte[] reply = answer.apply(head);
                  if (reply == null) {
                    return;
                  }
                  out.write(reply);
                  out.flush();
                  if (closeAfterReply) {
                    return;
                  }
                }
              } catch (IOException e) {
                // the client closed: the test looks at what it got
              }
            });
    Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
    plain.setSoTimeout(10_000);
    return new RangeConnection(plain, plain);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  /** A 206 answer for the Range header of {@code request}, with {@code extraHeaders}. */
  private static byte[] partial(String request, String extraHeaders) {
    String range = request.replaceAll("(?s).*Range: bytes=(\\d+)-(\\d+).*", "$1 $2");
    int first = Integer.parseInt(range.split(" ")[0]);
    int last = Integer.parseInt(range.split(" ")[1]);
    String head =
        "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes "
            + first
            + "-"
            + last
            + "/"
            + FILE.length
            + "\r\nContent-Length: "
            + (last - first + 1)
            + "\r\n"
            + extraHeaders
            + "\r\n";
    return concat(head.getBytes(StandardCharsets.ISO_8859_1), slice(first, last + 1 - first));
  }

  private static byte[] slice(int from, int length) {
    return Arrays.copyOfRange(FILE, from, from + length);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static final String HEAD = "GET /folder/f HTTP/1.1\r\nHost: h\r\n";

  @Test
  void successiveRangesTravelOnOneConnectionStraightIntoTheBuffer() throws Exception {
    try (RangeConnection c = connect(r -> partial(r, ""))) {
      ByteBuffer heap = ByteBuffer.allocate(1 << 20);
      assertEquals(206, c.get(HEAD, 4096, heap));
      assertArrayEquals(slice(4096, 1 << 20), heap.array());
      ByteBuffer direct = ByteBuffer.allocateDirect(100_000);
      assertEquals(206, c.get(HEAD, 2 << 20, direct));
      byte[] got = new byte[100_000];
      direct.flip().get(got);
      assertArrayEquals(slice(2 << 20, 100_000), got);
      assertTrue(c.isOpen());
    }
    assertEquals(2, requests.size(), "both requests came on the one connection");
    assertTrue(requests.get(0).contains("Range: bytes=4096-1052671\r\n"), requests.get(0));
  }

  @Test
  void chunkedBodiesAreDecoded() throws Exception {
    try (RangeConnection c =
        connect(
            r -> {
              String head =
                  "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 10-29/"
                      + FILE.length
                      + "\r\nTransfer-Encoding: chunked\r\n\r\n";
              String body = "c;ext=1\r\n" + latin(slice(10, 12)) + "\r\n8\r\n";
              body += latin(slice(22, 8)) + "\r\n0\r\nX-Trailer: 1\r\n\r\n";
              return (head + body).getBytes(StandardCharsets.ISO_8859_1);
            })) {
      ByteBuffer dst = ByteBuffer.allocate(20);
      assertEquals(206, c.get(HEAD, 10, dst));
      assertArrayEquals(slice(10, 20), dst.array());
      assertTrue(c.isOpen());
    }
  }

  private static String latin(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  @Test
  void anotherRangeThanAskedIsRefusedAndTheConnectionDropped() throws Exception {
    try (RangeConnection c = connect(r -> partial(HEAD + "Range: bytes=0-99\r\n\r\n", ""))) {
      ProtocolException e =
          assertThrows(ProtocolException.class, () -> c.get(HEAD, 100, ByteBuffer.allocate(100)));
      assertTrue(e.getMessage().contains("asked for bytes 100-199"), e.getMessage());
      assertTrue(e.getMessage().contains("bytes 0-99/"), e.getMessage());
      assertFalse(c.isOpen());
    }
  }

  @Test
  void anErrorStatusLeavesTheBufferAndClosesTheConnection() throws Exception {
    try (RangeConnection c =
        connect(r -> "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found".getBytes())) {
      ByteBuffer dst = ByteBuffer.allocate(10);
      assertEquals(404, c.get(HEAD, 0, dst));
      assertEquals(0, dst.position());
      assertFalse(c.isOpen());
    }
  }

  @Test
  void connectionCloseIsHonoured() throws Exception {
    try (RangeConnection c = connect(r -> partial(r, "Connection: close\r\n"))) {
      assertEquals(206, c.get(HEAD, 0, ByteBuffer.allocate(10)));
      assertFalse(c.isOpen());
    }
  }

  @Test
  void theWholeFileForAReadFromZeroFillsTheBufferAndDropsTheRest() throws Exception {
    try (RangeConnection c =
        connect(
            r ->
                concat(
                    ("HTTP/1.1 200 OK\r\nContent-Length: " + FILE.length + "\r\n\r\n").getBytes(),
                    FILE))) {
      ByteBuffer dst = ByteBuffer.allocate(1000);
      assertEquals(200, c.get(HEAD, 0, dst));
      assertArrayEquals(slice(0, 1000), dst.array());
      assertFalse(c.isOpen(), "the rest of the file is still on the wire");
    }
  }

  @Test
  void anIdleConnectionTheServerClosedIsReportedAsStale() throws Exception {
    int[] served = {0};
    try (RangeConnection c = connect(r -> served[0]++ == 0 ? partial(r, "") : null)) {
      assertEquals(206, c.get(HEAD, 0, ByteBuffer.allocate(10)));
      assertThrows(
          RangeConnection.StaleConnectionException.class,
          () -> c.get(HEAD, 10, ByteBuffer.allocate(10)));
      assertFalse(c.isOpen());
    }
  }

  @Test
  void aServerThatClosesMidBodyFailsTheRead() throws Exception {
    closeAfterReply = true;
    try (RangeConnection c =
        connect(r -> Arrays.copyOf(partial(r, ""), 200))) { // head and a few body bytes
      IOException e =
          assertThrows(IOException.class, () -> c.get(HEAD, 0, ByteBuffer.allocate(1000)));
      assertFalse(e instanceof RangeConnection.StaleConnectionException);
      assertFalse(c.isOpen());
    }
  }
}
