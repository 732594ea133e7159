package io.sendense.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes that belong to one data folder: the embedded MariaDB ({@code --datadir=<data>/db})
 * and Payara Micro ({@code -Dsendense.data.dir=<data>}). Used at start to end what a crashed
 * launcher left behind, and by {@link OrphanGuard} for the same markers.
 */
final class FolderProcesses {
  private FolderProcesses() {}

  /** Command-line fragments that only processes of this data folder carry. */
  static List<String> markers(Path dataDir) {
    Path data = dataDir.toAbsolutePath().normalize();
    return List.of("--datadir=" + data.resolve("db"), "-Dsendense.data.dir=" + data);
  }

  /** Live processes (other than this one) whose command line carries a marker. */
  static List<ProcessHandle> find(Path dataDir) {
    List<String> markers = markers(dataDir);
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self)
        .filter(p -> p.info().commandLine().map(c -> carries(c, markers)).orElse(false))
        .toList();
  }

  private static boolean carries(String commandLine, List<String> markers) {
    return markers.stream().anyMatch(m -> commandLine.contains(m + " ") || commandLine.endsWith(m));
  }

  /**
   * Asks each process to stop, then kills what is still there after {@code grace} and waits until
   * it is gone: a MariaDB that is still dying holds the data folder's files and its port, and the
   * next MariaDB on that folder would not start.
   *
   * @return how many processes there were
   */
  static int stop(List<ProcessHandle> processes, Duration grace) throws InterruptedException {
    processes.forEach(ProcessHandle::destroy);
    Instant deadline = Instant.now().plus(grace);
    for (ProcessHandle p : processes) {
      long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      try {
        p.onExit().get(left, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        p.destroyForcibly();
        try {
          p.onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException
            | java.util.concurrent.ExecutionException stillThere) {
          // a process the kernel cannot end (uninterruptible I/O): nothing more to do here
        }
      }
    }
    return processes.size();
  }
}
