package io.sendense.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard with real processes: a {@code sleep} stands in for the launcher, a shell loop carrying
 * the data folder's marker for its MariaDB or Payara. The launcher is killed; the guard ends the
 * folder's processes, unless a newer launcher holds the folder's lock by then (an admin who starts
 * the hub again at once must not have the new hub's database killed by the old guard).
 */
class OrphanGuardTest {
  @TempDir Path data;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopWhatWasStarted() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void theProcessesOfAKilledLaunchersFolderAreStopped() throws Exception {
    Process launcher = sleeper();
    lockHeldBy(launcher.pid());
    Process database = folderProcess();
    Process guard = OrphanGuard.start(data, launcher.pid());
    started.add(guard);

    launcher.destroyForcibly().waitFor();
    assertTrue(
        database.waitFor(60, TimeUnit.SECONDS), "the folder's process was stopped by the guard");
    assertTrue(guard.waitFor(60, TimeUnit.SECONDS), "the guard exits when it is done");
  }

  @Test
  void aNewerLauncherOnTheFolderKeepsItsProcesses() throws Exception {
    Process launcher = sleeper();
    Process guard = OrphanGuard.start(data, launcher.pid());
    started.add(guard);
    // What the guard sees when the next launcher was quicker than its scan: the folder's lock
    // names the next launcher (written before it starts anything), and its database runs.
    Process next = sleeper();
    lockHeldBy(next.pid());
    Process database = folderProcess();
    launcher.destroyForcibly().waitFor();

    assertTrue(guard.waitFor(60, TimeUnit.SECONDS), "the guard exits when it is done");
    assertFalse(
        database.waitFor(3, TimeUnit.SECONDS), "the next launcher's database must not be stopped");
  }

  private void lockHeldBy(long pid) throws IOException {
    Files.writeString(data.resolve(DataFolderLock.FILE), pid + "\n");
  }

  private Process sleeper() throws IOException {
    Process p = new ProcessBuilder("sleep", "600").start();
    started.add(p);
    return p;
  }

  /** A shell that runs until SIGTERM, its command line ending in the folder's Payara marker. */
  private Process folderProcess() throws IOException {
    Process p =
        new ProcessBuilder(
                "/bin/sh",
                "-c",
                "trap 'exit 0' TERM; while :; do sleep 1; done",
                "folder-process",
                FolderProcesses.markers(data).get(1))
            .start();
    started.add(p);
    return p;
  }
}
