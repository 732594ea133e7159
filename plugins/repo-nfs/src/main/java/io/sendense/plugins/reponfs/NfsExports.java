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

  private NfsExports() {}

  /** The exported paths of {@code host}. */
  static List<String> list(String host) throws IOException {
    ByteBuffer getPort = ByteBuffer.allocate(16).putInt(MOUNT).putInt(3).putInt(6).putInt(0);
    DataInputStream portReply = call(host, PORTMAPPER_PORT, PORTMAPPER, 2, 3, getPort.array());
    int mountPort = portReply.readInt();
    if (mountPort == 0) {
      throw new IOException("The server registers no MOUNT v3 service over TCP");
    }
    DataInputStream exports = call(host, mountPort, MOUNT, 3, 5, new byte[0]);
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

  private static byte[] readRecord(DataInputStream in) throws IOException {
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    boolean last = false;
    while (!last) {
      int header = in.readInt();
      last = (header & 0x80000000) != 0;
      byte[] fragment = new byte[header & 0x7fffffff];
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
    in.skipNBytes(in.readInt());
    int acceptStatus = in.readInt();
    if (acceptStatus != 0) {
      throw new IOException("The RPC call failed with accept status " + acceptStatus);
    }
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    in.skipNBytes((4 - length % 4) % 4);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
