package io.sendense.plugins.reponfs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Lists a server's exports (MOUNTPROC3_EXPORT, what {@code showmount -e} shows) with two small ONC
 * RPC calls over TCP. Servers answer an unknown export and a refused one with the same mount error;
 * the list tells the two apart, so Test Connection can say "export not found".
 */
final class NfsExports {

  private static final int PORTMAPPER_PORT = 111;
  private static final int PORTMAPPER = 100000;
  private static final int MOUNT = 100005;
  private static final int TIMEOUT_MS = 5000;

  /** The largest reply read: an export list of thousands of paths is far smaller. */
  static final int MAX_RECORD = 1 << 20;

  /** Fragments of one reply: a server that sends endless empty fragments is refused. */
  static final int MAX_FRAGMENTS = 1024;

  /** RFC 5531: opaque authentication bodies have at most 400 bytes. */
  static final int MAX_AUTH = 400;

  /** RFC 1813: MNTPATHLEN and MNTNAMLEN are 1024 and 255. */
  static final int MAX_STRING = 1024;

  private NfsExports() {}

  /** The exported paths of {@code host}. */
  static List<String> list(String host) throws IOException {
    return parseExports(exports(host));
  }

  private static DataInputStream exports(String host) throws IOException {
    ByteBuffer getPort = ByteBuffer.allocate(16).putInt(MOUNT).putInt(3).putInt(6).putInt(0);
    DataInputStream portReply = call(host, PORTMAPPER_PORT, PORTMAPPER, 2, 3, getPort.array());
    int mountPort = portReply.readInt();
    if (mountPort == 0) {
      throw new IOException("The server registers no MOUNT v3 service over TCP");
    }
    if (mountPort < 0 || mountPort > 65535) {
      throw new IOException("The portmapper answered an invalid port " + mountPort);
    }
    return call(host, mountPort, MOUNT, 3, 5, new byte[0]);
  }

  /** The paths of a MOUNTPROC3_EXPORT reply body (its groups are skipped). */
  static List<String> parseExports(DataInputStream exports) throws IOException {
    List<String> paths = new ArrayList<>();
    while (exports.readInt() != 0) {
      paths.add(readString(exports));
      while (exports.readInt() != 0) {
        readString(exports);
      }
    }
    return paths;
  }

  private static DataInputStream call(
      String host, int port, int program, int version, int procedure, byte[] args)
      throws IOException {
    int xid = ThreadLocalRandom.current().nextInt();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(body);
    for (int word : new int[] {xid, 0, 2, program, version, procedure, 0, 0, 0, 0}) {
      out.writeInt(word);
    }
    out.write(args);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      DataOutputStream request = new DataOutputStream(socket.getOutputStream());
      request.writeInt(0x80000000 | body.size());
      request.write(body.toByteArray());
      request.flush();
      DataInputStream reply = new DataInputStream(socket.getInputStream());
      byte[] record = readRecord(reply);
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
      checkAccepted(in, xid);
      return in;
    }
  }

  /**
   * One RPC record (its fragments joined). Sizes come from the server, so they are checked before
   * anything is allocated: at most {@link #MAX_RECORD} bytes in at most {@link #MAX_FRAGMENTS}.
   */
  static byte[] readRecord(DataInputStream in) throws IOException {
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    boolean last = false;
    for (int fragments = 0; !last; fragments++) {
      if (fragments == MAX_FRAGMENTS) {
        throw new IOException("The server's reply has more than " + MAX_FRAGMENTS + " fragments");
      }
      int header = in.readInt();
      last = (header & 0x80000000) != 0;
      int length = header & 0x7fffffff;
      if (length > MAX_RECORD - record.size()) {
        throw new IOException(
            "The server's reply is larger than " + MAX_RECORD + " bytes; not an export list");
      }
      byte[] fragment = new byte[length];
      in.readFully(fragment);
      record.write(fragment);
    }
    return record.toByteArray();
  }

  private static void checkAccepted(DataInputStream in, int xid) throws IOException {
    if (in.readInt() != xid || in.readInt() != 1 || in.readInt() != 0) {
      throw new IOException("The RPC call was rejected");
    }
    in.readInt();
    int authLength = in.readInt();
    if (authLength < 0 || authLength > MAX_AUTH) {
      throw new IOException("The RPC reply has an invalid authentication length " + authLength);
    }
    in.skipNBytes(authLength);
    int acceptStatus = in.readInt();
    if (acceptStatus != 0) {
      throw new IOException("The RPC call failed with accept status " + acceptStatus);
    }
  }

  /** An XDR string of at most {@link #MAX_STRING} bytes; a length past the reply is refused. */
  static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_STRING || length > in.available()) {
      throw new IOException("The server's reply has an invalid string length " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    in.skipNBytes((4 - length % 4) % 4);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
