package io.sendense.plugin.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * TEST TOOLING: govmomi's vCenter simulator (vcsim) as a real vSphere API peer. Builds it with the
 * given build script (plugins/vmware/src/test/vcsim/build.sh, cached), starts it on a free loopback
 * port with its datastores in a private temp folder, and stops it on {@link #close()}. Its standard
 * input stays open, so it also dies when the test JVM dies.
 */
public final class VcsimProcess implements AutoCloseable {
  private static final Pattern URL = Pattern.compile("\"url\":\"([^\"]+)\"");
  private static final Pattern THUMBPRINT = Pattern.compile("\"thumbprint\":\"([0-9a-f]{64})\"");
  private static final Pattern DATASTORE = Pattern.compile("\"([^\"]+)\":\"(/[^\"]+)\"");

  private final Process process;
  private final Path state;
  private URI url;
  private String thumbprint;
  private final Map<String, Path> datastores = new HashMap<>();

  private VcsimProcess(Process process, Path state) {
    this.process = process;
    this.state = state;
  }

  /**
   * The ports simulators of this JVM listened on. System tests share one catalog per JVM, which
   * keeps a source for each simulator's address: a new simulator on an earlier one's port (the
   * kernel hands a freed port out again) is refused as a duplicate source (CI of d35dc21).
   */
  private static final Set<Integer> PORTS_USED = ConcurrentHashMap.newKeySet();

  /**
   * Builds (if not cached) and starts vcsim with {@code args} besides the listen address, on a port
   * no other simulator of this JVM had.
   */
  public static VcsimProcess start(Path buildScript, List<String> args) throws IOException {
    for (int attempt = 1; ; attempt++) {
      VcsimProcess vcsim = launch(buildScript, args);
      if (PORTS_USED.add(vcsim.url().getPort())) {
        return vcsim;
      }
      vcsim.close();
      if (attempt == 10) {
        throw new IOException("vcsim got ports of earlier simulators ten times in a row");
      }
    }
  }

  private static VcsimProcess launch(Path buildScript, List<String> args) throws IOException {
    String binary = build(buildScript);
    Path state = Files.createTempDirectory("sendense-vcsim-");
    List<String> command = new ArrayList<>(List.of(binary, "-listen", "127.0.0.1:0"));
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(state.resolve("vcsim.log").toFile());
    builder.environment().put("TMPDIR", state.toString());
    VcsimProcess vcsim = new VcsimProcess(builder.start(), state);
    try {
      vcsim.parse(vcsim.firstLine());
      return vcsim;
    } catch (IOException | RuntimeException e) {
      vcsim.close();
      throw e;
    }
  }

  /** Runs the build script, which prints the path of the (possibly cached) binary. */
  private static String build(Path script) throws IOException {
    Path log = Files.createTempFile("vcsim-build", ".log");
    Process build =
        new ProcessBuilder("bash", script.toAbsolutePath().toString())
            .redirectError(log.toFile())
            .start();
    try {
      if (!build.waitFor(10, TimeUnit.MINUTES)) {
        build.destroyForcibly();
        throw new IOException("Building vcsim took more than 10 minutes");
      }
      String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (build.exitValue() != 0) {
        throw new IOException("Building vcsim failed: " + Files.readString(log));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while building vcsim", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** The SOAP endpoint, https://127.0.0.1:port/sdk. */
  public URI url() {
    return url;
  }

  /** SHA-256 of the simulator's certificate, lower-case hex. */
  public String thumbprint() {
    return thumbprint;
  }

  /** Local folder of each datastore, by name. */
  public Map<String, Path> datastores() {
    return Map.copyOf(datastores);
  }

  private String firstLine() throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return out.readLine();
              } catch (IOException e) {
                return null;
              }
            });
    try {
      String text = line.get(60, TimeUnit.SECONDS);
      if (text == null) {
        throw new IOException("vcsim exited: " + Files.readString(state.resolve("vcsim.log")));
      }
      return text;
    } catch (Exception e) {
      throw new IOException("vcsim did not announce itself within 60 s: " + e, e);
    }
  }

  private void parse(String line) {
    Matcher u = URL.matcher(line);
    Matcher t = THUMBPRINT.matcher(line);
    if (!u.find() || !t.find()) {
      throw new IllegalStateException("Unexpected vcsim announcement: " + line);
    }
    url = URI.create(u.group(1));
    thumbprint = t.group(1);
    int start = line.indexOf("\"datastores\":{");
    Matcher ds = DATASTORE.matcher(line.substring(start, line.indexOf('}', start)));
    while (ds.find()) {
      datastores.put(ds.group(1), Path.of(ds.group(2)));
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(state)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
