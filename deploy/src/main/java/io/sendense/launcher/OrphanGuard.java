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
 */
final class OrphanGuard {
  private static final String SCRIPT =
      """
      trap '' INT TERM HUP
      while kill -0 "$1" 2>/dev/null; do sleep 1; done
      signal_all() {
        found=0
        for d in /proc/[0-9]*; do
          pid=${d#/proc/}
          [ "$pid" = "$$" ] && continue
          cmd=$(tr '\\000' ' ' < "$d/cmdline" 2>/dev/null) || continue
          case "$cmd " in
            *"$SENDENSE_GUARD_1 "*|*"$SENDENSE_GUARD_2 "*) kill "-$1" "$pid" 2>/dev/null && found=1 ;;
          esac
        done
        [ $found = 1 ]
      }
      signal_all TERM || exit 0
      i=0
      while [ $i -lt 20 ]; do
        sleep 1
        signal_all 0 || exit 0
        i=$((i + 1))
      done
      signal_all KILL
      exit 0
      """;

  private OrphanGuard() {}

  static Process start(Path dataDir) throws IOException {
    List<String> markers = FolderProcesses.markers(dataDir);
    ProcessBuilder builder =
        new ProcessBuilder(
            "/bin/sh",
            "-c",
            SCRIPT,
            "sendense-guard",
            Long.toString(ProcessHandle.current().pid()));
    builder.environment().put("SENDENSE_GUARD_1", markers.get(0));
    builder.environment().put("SENDENSE_GUARD_2", markers.get(1));
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    return builder.start();
  }
}
