package io.sendense.plugins.vmware;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test that declares a {@link Vcsim} parameter its own freshly started vCenter
 * simulator: built from src/test/vcsim by build.sh (cached under ~/.cache/sendense/vcsim), run on a
 * free loopback port with its datastores in a private temp folder, and stopped after the test, also
 * when it fails. Its standard input stays open, so it also dies if this JVM dies.
 */
final class VcsimExtension implements ParameterResolver {

  private static final Pattern URL = Pattern.compile("\"url\":\"([^\"]+)\"");
  private static final Pattern THUMBPRINT = Pattern.compile("\"thumbprint\":\"([0-9a-f]{64})\"");
  private static final Pattern DATASTORE = Pattern.compile("\"([^\"]+)\":\"(/[^\"]+)\"");

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Vcsim.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    VcsimOptions options =
        context.getRequiredTestMethod().getAnnotation(VcsimOptions.class) != null
            ? context.getRequiredTestMethod().getAnnotation(VcsimOptions.class)
            : context.getRequiredTestClass().getAnnotation(VcsimOptions.class);
    try {
      Running running = start(options);
      context
          .getStore(ExtensionContext.Namespace.create(VcsimExtension.class, parameter.getIndex()))
          .put("vcsim", running);
      return running.vcsim;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start vcsim: " + e.getMessage(), e);
    }
  }

  private static Running start(VcsimOptions options) throws IOException {
    Path binary = Path.of(VcsimBuild.binary());
    Path state = Files.createTempDirectory("sendense-vcsim-");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "-listen", "127.0.0.1:0"));
    command.add("-username=" + Vcsim.USER);
    command.add("-password=" + Vcsim.PASSWORD);
    command.add("-cbt=" + (options == null || options.cbt()));
    command.add("-disk-mb=" + (options == null ? 64 : options.diskMb()));
    command.add("-fail-remove-snapshot=" + (options != null && options.failRemoveSnapshot()));
    if (options != null && options.denyPrivileges().length > 0) {
      command.add("-deny-privileges=" + String.join(",", options.denyPrivileges()));
    }
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(state.resolve("vcsim.log").toFile());
    builder.environment().put("TMPDIR", state.toString());
    Process process = builder.start();
    Running running = new Running(process, state);
    try {
      running.vcsim = parse(firstLine(process, state));
      return running;
    } catch (IOException | RuntimeException e) {
      running.close();
      throw e;
    }
  }

  /** Waits (with a deadline) for the simulator's announcement line. */
  private static String firstLine(Process process, Path state) throws IOException {
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

  static Vcsim parse(String line) {
    Matcher url = URL.matcher(line);
    Matcher thumbprint = THUMBPRINT.matcher(line);
    if (!url.find() || !thumbprint.find()) {
      throw new IllegalStateException("Unexpected vcsim announcement: " + line);
    }
    Map<String, Path> datastores = new HashMap<>();
    int start = line.indexOf("\"datastores\":{");
    Matcher ds = DATASTORE.matcher(line.substring(start, line.indexOf('}', start)));
    while (ds.find()) {
      datastores.put(ds.group(1), Path.of(ds.group(2)));
    }
    return new Vcsim(URI.create(url.group(1)), thumbprint.group(1), datastores);
  }

  /** A started simulator process; closing it stops the process and deletes its folder. */
  private static final class Running implements ExtensionContext.Store.CloseableResource {
    private final Process process;
    private final Path state;
    private Vcsim vcsim;

    Running(Process process, Path state) {
      this.process = process;
      this.state = state;
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
}
