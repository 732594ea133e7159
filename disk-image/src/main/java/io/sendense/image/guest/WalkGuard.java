package io.sendense.image.guest;

import java.util.HashSet;
import java.util.Set;

/**
 * Bounds a walk over a guest folder tree, which a hostile guest controls: each directory is entered
 * once (two names for one directory, or a directory that contains itself, are skipped the second
 * time), and the walk stops after {@code maxEntries} entries or {@code maxBytes} bytes of content.
 * Used by the hub's ZIP downloads and by {@code sendense-image extract}.
 */
public final class WalkGuard {
  private final long maxEntries;
  private final long maxBytes;
  private final Set<Long> visited = new HashSet<>();
  private long entries;
  private long bytes;
  private String stopped;

  public WalkGuard(long maxEntries, long maxBytes) {
    if (maxEntries < 1 || maxBytes < 1) {
      throw new IllegalArgumentException(
          "limits must be positive: " + maxEntries + ", " + maxBytes);
    }
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /**
   * Content bytes a walk of a volume of {@code volumeBytes} may produce: four times the volume
   * (hard links and sparse files legitimately repeat or invent content), at least 1 GiB.
   */
  public static long bytesFor(long volumeBytes) {
    long four = volumeBytes > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : volumeBytes * 4;
    return Math.max(1L << 30, four);
  }

  /**
   * Called before a directory's content is walked.
   *
   * @return why it must be skipped (already walked under another name), or null to walk it
   */
  public String enter(GuestEntry directory) {
    if (directory.identity() != GuestEntry.UNKNOWN && !visited.add(directory.identity())) {
      return "the same folder as one already walked (a loop or a second name for a folder)";
    }
    return null;
  }

  /**
   * Counts one entry.
   *
   * @return false once the walk must stop ({@link #stopped()} says why)
   */
  public boolean entry() {
    if (stopped != null) {
      return false;
    }
    if (++entries > maxEntries) {
      stopped = "stopped after " + maxEntries + " entries, the limit of one walk";
      return false;
    }
    return true;
  }

  /**
   * How many of {@code wanted} content bytes may still be written; 0 once the limit is reached (the
   * walk then stops).
   */
  public long allow(long wanted) {
    if (stopped != null) {
      return 0;
    }
    long allowed = Math.min(maxBytes - bytes, wanted);
    bytes += allowed;
    if (allowed < wanted) {
      stopped = "stopped after " + maxBytes + " bytes of content, the limit of one walk";
    }
    return allowed;
  }

  /** Why the walk stopped, or null while it may go on. */
  public String stopped() {
    return stopped;
  }

  public long entries() {
    return entries;
  }

  public long bytes() {
    return bytes;
  }
}
