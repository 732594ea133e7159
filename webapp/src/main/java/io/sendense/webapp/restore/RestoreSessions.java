package io.sendense.webapp.restore;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestDisk;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.WalkGuard;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.lifecycle.BackupHolds;
import io.sendense.webapp.plugin.OpenFileRestores;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Restore sessions: a restore point's disk opened read-only once (with its own session of the
 * repository's storage) and kept open for browsing and downloads, under a random id, for the user
 * who opened it. Sessions expire after {@code sendense.restore.idle-minutes} without use ({@link
 * RestoreJanitor} asks every minute) and all close when the hub stops. While a session or a disk
 * export uses a backup, the backup cannot be deleted.
 */
@ApplicationScoped
public class RestoreSessions implements BackupHolds, OpenFileRestores {
  /** Sessions one user may keep open at once. */
  static final int MAX_PER_USER = 20;

  /** Paths one selection download may name. */
  static final int MAX_SELECTION = 10_000;

  private static final Logger LOG = Logger.getLogger(RestoreSessions.class.getName());

  @Inject RestoreSources sources;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "sendense.restore.idle-minutes", defaultValue = "60")
  long idleMinutes;

  @Inject
  @ConfigProperty(name = "sendense.restore.zip-max-entries", defaultValue = "1000000")
  long zipMaxEntries;

  @Inject
  @ConfigProperty(name = "sendense.restore.search-seconds", defaultValue = "5")
  long searchSeconds;

  private final Map<Long, AtomicInteger> exports = new ConcurrentHashMap<>();
  private SessionTable table;

  @PostConstruct
  void init() {
    table = new SessionTable(clock, Duration.ofMinutes(Math.max(1, idleMinutes)));
  }

  /**
   * Opens disk {@code diskIndex} of COMPLETE backup {@code backupId} for {@code user}. Whatever
   * fails on the way (the cap, the disk, the point's state, the catalog) leaves no session and no
   * open image behind.
   */
  public RestoreSession open(long backupId, int diskIndex, String user) {
    if (table.countOf(user) >= MAX_PER_USER) {
      throw tooMany();
    }
    RestoreSession session = start(sources.image(backupId, diskIndex), user);
    if (!table.addWithin(session, MAX_PER_USER)) {
      session.retire();
      throw tooMany();
    }
    try {
      sources.checkUsable(backupId);
    } catch (RuntimeException e) {
      table.remove(session.id(), user);
      throw e;
    }
    LOG.info(
        () -> "Restore session " + session.id() + " opened by " + user + ": " + session.target());
    return session;
  }

  /** A new session on the image's chain and guest disk; the chain is closed again if that fails. */
  private RestoreSession start(RestoreSources.DiskImage image, String user) {
    OpenedPoint point = sources.open(image);
    try {
      GuestDisk disk = GuestDisk.open(BlockDevice.of(point.chain()));
      return new RestoreSession(
          UUID.randomUUID().toString(), user, image.target(), disk, point, table.now());
    } catch (IOException e) {
      close(point);
      throw new Refusal(
          422,
          "Disk "
              + image.target().diskIndex()
              + " of backup "
              + image.target().backupId()
              + " cannot be read: "
              + e.getMessage());
    } catch (RuntimeException e) {
      close(point);
      throw e;
    }
  }

  private static Refusal tooMany() {
    return new Refusal(
        409, "You have " + MAX_PER_USER + " restore sessions open; close one before opening more");
  }

  /**
   * The caller's session {@code id}.
   *
   * @throws Refusal 404 when there is none (also when it is someone else's or it expired)
   */
  public RestoreSession get(String id, String user) {
    return table
        .use(id, user)
        .filter(s -> !s.isClosed())
        .orElseThrow(
            () ->
                new Refusal(
                    404,
                    "No restore session " + id + " (it was closed or expired); open it again"));
  }

  public List<RestoreSession> of(String user) {
    return table.of(user);
  }

  public void close(String id, String user) {
    if (!table.remove(id, user)) {
      throw new Refusal(404, "No restore session " + id);
    }
    LOG.info(() -> "Restore session " + id + " closed by " + user);
  }

  public java.time.Instant expiresAt(RestoreSession session) {
    return table.expiresAt(session);
  }

  /** The backups that the restore sessions open in this hub now read. */
  @Override
  public java.util.Set<Long> openBackups() {
    return table.openBackups();
  }

  /** How many restore sessions are open in this hub now. */
  public int openCount() {
    return table.size();
  }

  /** Closes the sessions idle for longer than the configured time; returns how many. */
  public int expireIdle() {
    List<RestoreSession> expired = table.expire();
    expired.forEach(s -> LOG.info(() -> "Restore session " + s.id() + " expired"));
    return expired.size();
  }

  /**
   * Runs {@code work} as a use of the session (it is not expired or closed meanwhile) and returns
   * its result.
   */
  public <R, T extends Exception> R during(RestoreSession session, Work<R, T> work) throws T {
    session.beginDownload();
    try {
      return work.get();
    } finally {
      session.endDownload(table.now());
    }
  }

  /** Runs {@code download}, which has no result, as a use of the session. */
  public <T extends Exception> void during(RestoreSession session, Body<T> download) throws T {
    during(
        session,
        () -> {
          download.run();
          return null;
        });
  }

  /**
   * The limits of one ZIP download from {@code fs}: {@code sendense.restore.zip-max-entries}
   * entries and four times the file system's size in content bytes.
   */
  public WalkGuard zipGuard(GuestFileSystem fs) {
    return new WalkGuard(Math.max(1, zipMaxEntries), WalkGuard.bytesFor(fs.sizeBytes()));
  }

  /**
   * Finds entries named like {@code name} in partition {@code partition} of {@code session} (see
   * {@link FileSearch}), within a ZIP download's entry limit and {@code
   * sendense.restore.search-seconds}. A use of the session, like a download.
   */
  public FileSearch.Result search(
      RestoreSession session, String partition, String name, String path, Integer limit) {
    FileSearch.checkedName(name);
    FileSearch.checkedLimit(limit);
    GuestFiles.path(path);
    GuestFileSystem fs = GuestFiles.fileSystem(session, partition);
    Duration budget = Duration.ofSeconds(Math.max(1, searchSeconds));
    return during(session, () -> FileSearch.of(fs, zipGuard(fs), budget).find(name, path, limit));
  }

  /** Keeps {@code backupId} from being deleted while a whole-disk export streams it. */
  public AutoCloseable exporting(long backupId) {
    exports.computeIfAbsent(backupId, k -> new AtomicInteger()).incrementAndGet();
    AutoCloseable release =
        () -> exports.computeIfPresent(backupId, (k, n) -> n.decrementAndGet() == 0 ? null : n);
    try {
      sources.checkUsable(backupId);
    } catch (Refusal e) {
      exports.computeIfPresent(backupId, (k, n) -> n.decrementAndGet() == 0 ? null : n);
      throw e;
    }
    return release;
  }

  @Override
  public Optional<String> holdOn(long backupId) {
    if (table.holds(backupId)) {
      return Optional.of("a restore session has it open; close it or wait for it to expire");
    }
    if (exports.containsKey(backupId)) {
      return Optional.of("one of its disks is being downloaded; wait until it ends");
    }
    return Optional.empty();
  }

  @PreDestroy
  void closeAll() {
    table.closeAll();
  }

  /** A piece of work that may throw {@code T}. */
  public interface Body<T extends Exception> {
    void run() throws T;
  }

  /** A piece of work with a result that may throw {@code T}. */
  public interface Work<R, T extends Exception> {
    R get() throws T;
  }

  static void close(OpenedPoint point) {
    try {
      point.close();
    } catch (IOException e) {
      LOG.fine(() -> "closing " + point.chain().names() + ": " + e);
    }
  }
}
