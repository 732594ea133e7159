package io.sendense.webapp.restore;

import io.sendense.image.guest.GuestDisk;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One restore point's disk opened read-only for one user: the QCOW2 chain and the {@link GuestDisk}
 * read from it once, so that listing a folder costs only that folder's metadata. A session in use
 * by a download is never closed under it: {@link #retire} closes it when the last download ends.
 */
public final class RestoreSession {
  private static final Logger LOG = Logger.getLogger(RestoreSession.class.getName());

  private final String id;
  private final String owner;
  private final Target target;
  private final GuestDisk disk;
  private final Closeable chain;
  private final Instant openedAt;
  private Instant lastUsed;
  private int downloads;
  private boolean retired;
  private boolean closed;

  /** What a session opened: the restore point, its VM, and the disk. */
  public record Target(long backupId, String vmName, Instant pointTime, int diskIndex) {}

  RestoreSession(
      String id, String owner, Target target, GuestDisk disk, Closeable chain, Instant now) {
    this.id = id;
    this.owner = owner;
    this.target = target;
    this.disk = disk;
    this.chain = chain;
    this.openedAt = now;
    this.lastUsed = now;
  }

  public String id() {
    return id;
  }

  public String owner() {
    return owner;
  }

  public Target target() {
    return target;
  }

  public GuestDisk disk() {
    return disk;
  }

  public Instant openedAt() {
    return openedAt;
  }

  public synchronized Instant lastUsed() {
    return lastUsed;
  }

  synchronized void touch(Instant now) {
    lastUsed = now;
  }

  /** Marks a download as running; it must call {@link #endDownload} when it ends. */
  synchronized void beginDownload() {
    downloads++;
  }

  synchronized void endDownload(Instant now) {
    downloads--;
    lastUsed = now;
    if (retired && downloads == 0) {
      closeChain();
    }
  }

  synchronized boolean idleSince(Instant cutoff) {
    return downloads == 0 && lastUsed.isBefore(cutoff);
  }

  /** Closes the chain now, or when the last running download ends. */
  synchronized void retire() {
    retired = true;
    if (downloads == 0) {
      closeChain();
    }
  }

  /** Closes the chain even if downloads run (hub shutdown): they fail. */
  synchronized void closeNow() {
    retired = true;
    closeChain();
  }

  synchronized boolean isClosed() {
    return closed;
  }

  private void closeChain() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      chain.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Restore session " + id + ": closing its image failed", e);
    }
  }
}
