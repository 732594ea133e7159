package io.sendense.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A small shell process that outlives the launcher only to clean up after it: when the launcher is
 * gone (also after {@code kill -9}, when no shutdown hook runs) it stops, within seconds, every
 * process of the launcher's data folder ({@link FolderProcesses#markers}), first with SIGTERM, then
 * with SIGKILL, and exits. After a normal stop there is nothing left for it to do. The markers
 * reach it through its environment, so its own command line carries none of them.
 *
 * <p>A launcher started on the same folder after this one went (an admin starting the hub again at
 * once, a service manager restarting it) is left alone: scanning every process takes seconds on a
 * loaded machine, long enough for the next launcher to start its MariaDB and Payara, which carry
 * the same markers. The next launcher writes its pid into the folder's lock file before it starts
 * anything, so the guard reads that file after its scan: a pid other than its own launcher's means
 * the processes may be the next launcher's, and that launcher stops the earlier one's leftovers
 * itself when it starts ({@link FolderProcesses#stop}).
 */
final class OrphanGuard {
  private static final String SCRIPT =
      """
      trap '' INT TERM HUP
      while kill -0 "$1" 2>/dev/null; do sleep 1; done
      pids=""
      for d in /proc/[0-9]*; do
        pid=${d#/proc/}
        [ "$pid" = "$$" ] && continue
        cmd=$(tr '\\000' ' ' < "$d/cmdline" 2>/dev/null) || continue
        case "$cmd " in
          *"$SENDENSE_GUARD_1 "*|*"$SENDENSE_GUARD_2 "*) pids="$pids $pid" ;;
        esac
      done
      [ -n "$pids" ] || exit 0
      holder=$(tr -dc '0-9' < "$SENDENSE_GUARD_LOCK" 2>/dev/null)
      [ -z "$holder" ] || [ "$holder" = "$1" ] || exit 0
      kill -TERM $pids 2>/dev/null
      i=0
      while [ $i -lt 20 ]; do
        sleep 1
        alive=""
        for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive="$alive $pid"; done
        [ -n "$alive" ] || exit 0
        pids=$alive
        i=$((i + 1))
      done
      kill -KILL $pids 2>/dev/null
      exit 0
      """;

  private OrphanGuard() {}

  static Process start(Path dataDir) throws IOException {
    return start(dataDir, ProcessHandle.current().pid());
  }

  /** A guard for the launcher {@code launcherPid} (the tests' stand-in for a launcher). */
  static Process start(Path dataDir, long launcherPid) throws IOException {
    List<String> markers = FolderProcesses.markers(dataDir);
    ProcessBuilder builder =
        new ProcessBuilder("/bin/sh", "-c", SCRIPT, "sendense-guard", Long.toString(launcherPid));
    builder.environment().put("SENDENSE_GUARD_1", markers.get(0));
    builder.environment().put("SENDENSE_GUARD_2", markers.get(1));
    builder
        .environment()
        .put(
            "SENDENSE_GUARD_LOCK",
            dataDir.toAbsolutePath().resolve(DataFolderLock.FILE).toString());
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    return builder.start();
  }
}
