package io.sendense.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real node process (java -jar sendense-node.jar) started the way deploy/run-node.sh does. */
final class NodeProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private NodeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts a node on {@code data}; {@code token} only for the first start (pairing). */
  static NodeProcess start(Path data, String name, String token) throws IOException {
    return start(data, name, token, HubEnvironment.nodesPort());
  }

  /** As {@link #start(Path, String, String)}, for a hub whose node listener is on {@code port}. */
  static NodeProcess start(Path data, String name, String token, int port) throws IOException {
    Path plugins = Files.createDirectories(data.resolve("plugins"));
    try (var builtIn = Files.list(Path.of(System.getProperty("sendense.home"), "plugins"))) {
      for (Path jar : builtIn.toList()) {
        Path target = plugins.resolve(jar.getFileName());
        if (!Files.exists(target)) {
          Files.copy(jar, target);
        }
      }
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    command.add("-jar");
    command.add(System.getProperty("sendense.it.node-jar"));
    command.addAll(List.of("--hub", "https://127.0.0.1:" + port));
    command.addAll(List.of("--data", data.toString(), "--name", name));
    if (token != null) {
      command.addAll(List.of("--token", token));
    }
    Path log = data.resolveSibling(data.getFileName() + "-" + System.nanoTime() + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new NodeProcess(process, log);
  }

  /** SIGKILL: the node gets no chance to clean up or report. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  boolean alive() {
    return process.isAlive();
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
