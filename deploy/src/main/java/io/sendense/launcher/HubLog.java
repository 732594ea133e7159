package io.sendense.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The hub's output, written to {@code <data>/logs/hub.log} (owner-only) and rotated by size: {@code
 * hub.log.1} ... {@code hub.log.N}, oldest dropped. The console keeps only the launcher's own
 * lines; the last lines of the log are kept in memory so that a hub that fails to start can be
 * explained on the console.
 */
final class HubLog {
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
  private static final int TAIL_LINES = 40;

  private final Path file;
  private final long limitBytes;
  private final int keep;
  private final Deque<String> tail = new ArrayDeque<>();
  private Writer out;
  private long written;

  HubLog(Path file, long limitBytes, int keep) {
    this.file = file;
    this.limitBytes = limitBytes;
    this.keep = keep;
  }

  /** Copies {@code output} to the log on a daemon thread until it ends. */
  Thread pump(InputStream output) throws IOException {
    open();
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  append(ANSI.matcher(line).replaceAll(""));
                }
              } catch (IOException ended) {
                // The hub's output closed; nothing more to copy.
              }
            },
            "sendense-hub-log");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  synchronized void append(String line) throws IOException {
    if (written >= limitBytes) {
      rotate();
    }
    out.write(line);
    out.write('\n');
    out.flush();
    written += line.length() + 1;
    tail.addLast(line);
    if (tail.size() > TAIL_LINES) {
      tail.removeFirst();
    }
  }

  synchronized List<String> tail() {
    return List.copyOf(tail);
  }

  Path file() {
    return file;
  }

  private void open() throws IOException {
    Path dir = file.getParent();
    if (!Files.exists(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    if (!Files.exists(file)) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    written = Files.size(file);
    out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  private void rotate() throws IOException {
    out.close();
    Files.deleteIfExists(numbered(keep));
    for (int i = keep - 1; i >= 1; i--) {
      if (Files.exists(numbered(i))) {
        Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
    open();
  }

  private Path numbered(int n) {
    return file.resolveSibling(file.getFileName() + "." + n);
  }
}
