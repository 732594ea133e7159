package io.sendense.plugin.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the real server processes (smbd, ganesha.nfsd, rpcbind) that repository tests
 * run against: output goes to a log file in the test's folder, readiness is polled with a deadline,
 * and stopping kills the whole process tree so nothing is left running.
 */
public final class PeerProcess {

  private final String name;
  private final Process process;
  private final Path log;

  private PeerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Also kills the process when the test JVM exits without running the test's clean-up. */
  private PeerProcess withExitHook() {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  process.descendants().forEach(ProcessHandle::destroyForcibly);
                  process.destroyForcibly();
                },
                "kill-" + name));
    return this;
  }

  /** Starts {@code command} with stdout and stderr appended to {@code log}. */
  public static PeerProcess start(String name, List<String> command, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new PeerProcess(name, builder.start(), log).withExitHook();
  }

  /** The full path of a system program, looked up in the sbin and bin folders. */
  public static String program(String name) {
    for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin")) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return dir + "/" + name;
      }
    }
    throw new IllegalStateException(
        name + " is not installed; run deploy/test-support/install-repos.sh");
  }

  /** A TCP port on 127.0.0.1 that was free a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Waits until something accepts TCP connections on 127.0.0.1:{@code port}. */
  public void awaitPort(int port, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with " + process.exitValue() + "; see " + log);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
    }
    throw new IOException(
        name + " did not listen on port " + port + " in " + timeout + "; see " + log);
  }

  /** Kills the process and everything it started, abruptly, and waits until they are gone. */
  public void kill() throws InterruptedException {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    process.waitFor(30, TimeUnit.SECONDS);
    for (ProcessHandle child : tree) {
      child.onExit().completeOnTimeout(child, 30, TimeUnit.SECONDS).join();
    }
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }
}
