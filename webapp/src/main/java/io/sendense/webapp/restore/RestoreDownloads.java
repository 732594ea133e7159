package io.sendense.webapp.restore;

import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestPath;
import io.sendense.webapp.audit.AuditService;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prepares downloads from a restore session: one file (with HTTP range support, for resumed
 * downloads), or a folder or a selection as a ZIP built while it streams. Every download is audited
 * with the backup, disk, partition and path. Errors found before streaming (bad path, unknown
 * entry, unreadable file) are {@link Refusal}s; the status line is not sent yet.
 */
@ApplicationScoped
public class RestoreDownloads {
  static final int MAX_SELECTION = 10_000;

  @Inject RestoreSessions sessions;
  @Inject AuditService audit;

  /** Who asks, for the audit log. */

  /** A file, or a folder as a ZIP; {@code range}/{@code ifRange} are the request's headers. */
  public Download entry(
      RestoreSession session,
      String partition,
      String path,
      String range,
      String ifRange,
      Caller caller) {
    GuestFileSystem fs = GuestFiles.fileSystem(session, partition);
    GuestPath guestPath = GuestFiles.path(path);
    GuestEntry entry = GuestFiles.stat(fs, guestPath);
    if (entry.isDirectory()) {
      String name = guestPath.isRoot() ? rootName(session, partition) : entry.name();
      return zip(session, partition, fs, List.of(entry), name + ".zip", caller);
    }
    refuseContentless(entry);
    probe(fs, guestPath);
    String etag = etag(session, partition, entry);
    Optional<ByteRange> asked;
    try {
      asked =
          ifRange == null || ifRange.equals(etag)
              ? ByteRange.parse(range, entry.size())
              : Optional.empty();
    } catch (ByteRange.Unsatisfiable e) {
      return unsatisfiable(entry.size(), e.getMessage());
    }
    ByteRange bytes = asked.orElse(new ByteRange(0, entry.size() - 1));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept-Ranges", "bytes");
    headers.put("ETag", etag);
    asked.ifPresent(r -> headers.put("Content-Range", r.contentRange(entry.size())));
    record(caller, session, partition, "/" + guestPath, "file, " + describe(asked, entry.size()));
    return Download.attachment(
        asked.isPresent() ? 206 : 200,
        "application/octet-stream",
        entry.size() == 0 ? 0 : bytes.length(),
        entry.name(),
        headers,
        out -> sessions.during(session, () -> copy(fs, guestPath, bytes, out)));
  }

  /** Several entries of one partition as one ZIP. */
  public Download selection(
      RestoreSession session, String partition, List<String> paths, Caller caller) {
    if (paths == null || paths.isEmpty()) {
      throw new Refusal(400, "paths must name at least one file or folder");
    }
    if (paths.size() > MAX_SELECTION) {
      throw new Refusal(400, "At most " + MAX_SELECTION + " paths can be selected at once");
    }
    if (paths.size() > RestoreSessions.MAX_SELECTION) {
      throw new Refusal(
          400,
          "paths lists "
              + paths.size()
              + " entries; a selection takes at most "
              + RestoreSessions.MAX_SELECTION
              + " (download their folder instead)");
    }
    GuestFileSystem fs = GuestFiles.fileSystem(session, partition);
    List<GuestEntry> entries = new ArrayList<>();
    for (String path : paths) {
      entries.add(GuestFiles.stat(fs, GuestFiles.path(path)));
    }
    String name = rootName(session, partition) + "-selection.zip";
    return zip(session, partition, fs, entries, name, caller);
  }

  private Download zip(
      RestoreSession session,
      String partition,
      GuestFileSystem fs,
      List<GuestEntry> entries,
      String fileName,
      Caller caller) {
    String what =
        entries.stream().map(e -> "/" + e.path()).reduce((a, b) -> a + ", " + b).orElse("");
    record(caller, session, partition, what, "zip");
    return Download.attachment(
        200,
        "application/zip",
        -1,
        fileName,
        Map.of(),
        out ->
            sessions.during(
                session, () -> new ZipStreamer(fs, sessions.zipGuard(fs)).write(entries, out)));
  }

  private static void copy(GuestFileSystem fs, GuestPath path, ByteRange range, OutputStream out)
      throws IOException {
    try (InputStream in = fs.open(path)) {
      in.skipNBytes(range.first());
      byte[] buffer = new byte[1 << 20];
      long left = range.length();
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("/" + path + " ended " + left + " bytes early");
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
  }

  /** Opens the content once so that an unreadable file is a 422 before anything is sent. */
  private static void probe(GuestFileSystem fs, GuestPath path) {
    try (InputStream in = fs.open(path)) {
      in.available();
    } catch (IOException e) {
      throw new Refusal(422, "/" + path + " cannot be downloaded: " + e.getMessage());
    }
  }

  private static void refuseContentless(GuestEntry entry) {
    if (entry.unsupported() != null) {
      throw new Refusal(422, "/" + entry.path() + " cannot be read: " + entry.unsupported());
    }
    switch (entry.kind()) {
      case SYMLINK ->
          throw new Refusal(
              422,
              "/"
                  + entry.path()
                  + " is a symbolic link to "
                  + entry.linkTarget()
                  + "; download its target");
      case OTHER ->
          throw new Refusal(
              422, "/" + entry.path() + " is not a regular file (device, socket or fifo)");
      default -> {}
    }
  }

  private static Download unsatisfiable(long size, String message) {
    String json =
        jakarta.json.Json.createObjectBuilder()
            .add("error", "range_not_satisfiable")
            .add("message", message)
            .build()
            .toString();
    byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return new Download(
        416,
        "application/json",
        body.length,
        Map.of("Content-Range", "bytes */" + size, "Accept-Ranges", "bytes"),
        out -> out.write(body));
  }

  /** A restore point never changes, so its files' tags hold across sessions (resume next day). */
  private static String etag(RestoreSession session, String partition, GuestEntry entry) {
    String key = partition + "\0" + entry.path() + "\0" + entry.size() + "\0" + entry.modified();
    return "\"b"
        + session.target().backupId()
        + "-d"
        + session.target().diskIndex()
        + "-"
        + Integer.toHexString(key.hashCode())
        + "\"";
  }

  static String rootName(RestoreSession session, String partition) {
    return ZipNames.clean(
        session.target().vmName()
            + "-b"
            + session.target().backupId()
            + "-disk"
            + session.target().diskIndex()
            + "-p"
            + partition.replace('/', '-'));
  }

  private static String describe(Optional<ByteRange> range, long size) {
    return range
        .map(r -> "bytes " + r.first() + "-" + r.last() + " of " + size)
        .orElse(size + " bytes");
  }

  private void record(
      Caller caller, RestoreSession session, String partition, String paths, String kind) {
    RestoreSession.Target t = session.target();
    String target = "backup " + t.backupId() + " disk " + t.diskIndex() + " partition " + partition;
    String detail = kind + " of VM " + t.vmName() + ": " + paths;
    audit.record(
        caller.user(),
        "restore.download",
        target,
        AuditService.SUCCESS,
        caller.remote(),
        detail); // the audit log keeps what its columns hold
  }
}
