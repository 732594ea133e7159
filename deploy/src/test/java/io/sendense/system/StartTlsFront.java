package io.sendense.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * STARTTLS in front of GreenMail's plain SMTP, which has no STARTTLS of its own (GreenMail issue
 * 135): it offers STARTTLS in its EHLO answer, refuses every other command before the upgrade,
 * upgrades with GreenMail's own certificate (greenmail.p12), refuses MAIL before AUTH afterwards,
 * and relays the rest to GreenMail, which checks the login. What the client did is recorded (AUTH
 * arguments left out) so a test can tell that the hub upgraded before it logged in.
 */
final class StartTlsFront implements AutoCloseable {
  private final ServerSocket listener;
  private final int upstream;
  private final SSLContext tls;
  private final X509Certificate certificate;
  final List<String> transcript = new CopyOnWriteArrayList<>();

  StartTlsFront(int upstreamPort) throws Exception {
    this.upstream = upstreamPort;
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("greenmail.p12")) {
      keys.load(in, "changeit".toCharArray());
    }
    certificate = (X509Certificate) keys.getCertificate(keys.aliases().nextElement());
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "starttls-front");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The SHA-256 of the certificate served after STARTTLS, as the hub's channel pins it. */
  String certificateSha256() throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Thread t = new Thread(() -> serve(client), "starttls-session");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client;
        Socket server = new Socket(InetAddress.getLoopbackAddress(), upstream)) {
      BufferedReader fromServer = reader(server.getInputStream());
      Writer toServer = writer(server.getOutputStream());
      BufferedReader fromClient = reader(client.getInputStream());
      Writer toClient = writer(client.getOutputStream());
      toClient.write(reply(fromServer));
      toClient.flush();
      SSLSocket secure = null;
      while (secure == null) {
        String line = fromClient.readLine();
        if (line == null) {
          return;
        }
        String verb = verb(line);
        transcript.add(verb);
        if (verb.equals("EHLO")) {
          toServer.write(line + "\r\n");
          toServer.flush();
          StringBuilder ehlo = new StringBuilder();
          for (String l : reply(fromServer).split("\r\n")) {
            ehlo.append("250-").append(l.substring(4)).append("\r\n");
          }
          toClient.write(ehlo + "250 STARTTLS\r\n");
        } else if (verb.equals("STARTTLS")) {
          toClient.write("220 2.0.0 Ready to start TLS\r\n");
          toClient.flush();
          secure =
              (SSLSocket)
                  tls.getSocketFactory()
                      .createSocket(
                          client,
                          client.getInetAddress().getHostAddress(),
                          client.getPort(),
                          false);
          secure.setUseClientMode(false);
          secure.startHandshake();
          transcript.add("TLS " + secure.getSession().getProtocol());
        } else if (verb.equals("QUIT")) {
          toClient.write("221 2.0.0 Bye\r\n");
          toClient.flush();
          return;
        } else {
          toClient.write("530 5.7.0 Must issue a STARTTLS command first\r\n");
        }
        toClient.flush();
      }
      relaySecure(secure, fromServer, toServer, server);
    } catch (Exception e) {
      transcript.add("ERROR " + e);
    }
  }

  /** After the upgrade: server answers flow back raw; client lines are checked, then relayed. */
  private void relaySecure(
      SSLSocket secure, BufferedReader fromServer, Writer toServer, Socket server)
      throws IOException {
    OutputStream toClient = secure.getOutputStream();
    Thread back =
        new Thread(
            () -> {
              try {
                char[] buffer = new char[4096];
                int n;
                while ((n = fromServer.read(buffer)) > 0) {
                  toClient.write(new String(buffer, 0, n).getBytes(StandardCharsets.US_ASCII));
                  toClient.flush();
                }
              } catch (IOException closed) {
                // the session ended
              }
            },
            "starttls-back");
    back.setDaemon(true);
    back.start();
    BufferedReader fromClient = reader(secure.getInputStream());
    boolean authenticated = false;
    boolean inData = false;
    String line;
    while ((line = fromClient.readLine()) != null) {
      if (inData) {
        inData = !line.equals(".");
      } else {
        String verb = verb(line);
        transcript.add(verb);
        authenticated |= verb.equals("AUTH");
        if (verb.equals("MAIL") && !authenticated) {
          toClient.write(
              "530 5.7.0 Authentication required\r\n".getBytes(StandardCharsets.US_ASCII));
          toClient.flush();
          continue;
        }
        inData = verb.equals("DATA");
      }
      toServer.write(line + "\r\n");
      toServer.flush();
    }
    server.shutdownOutput();
  }

  private static final java.util.Set<String> VERBS =
      java.util.Set.of(
          "EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT");

  /** The command word, upper case; anything else (AUTH's base64 lines) only as "...". */
  private static String verb(String line) {
    int space = line.indexOf(' ');
    String word = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    return VERBS.contains(word) ? word : "...";
  }

  /** One SMTP answer, single or multi-line, with its CRLFs. */
  private static String reply(BufferedReader in) throws IOException {
    StringBuilder answer = new StringBuilder();
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("GreenMail closed the connection");
      }
      answer.append(line).append("\r\n");
    } while (line.length() > 3 && line.charAt(3) == '-');
    return answer.toString();
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
  }

  private static Writer writer(OutputStream out) {
    return new OutputStreamWriter(out, StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
