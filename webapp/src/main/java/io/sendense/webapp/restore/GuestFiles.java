package io.sendense.webapp.restore;

import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestPath;
import io.sendense.image.guest.UnsupportedContentException;
import io.sendense.image.guest.Volume;
import io.sendense.webapp.common.Page;
import io.sendense.webapp.common.Refusal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Browsing an open restore session: its partitions, a folder's entries, one entry. Turns the guest
 * library's answers into the API's: a bad path is 400, an unknown partition or path 404, a guest
 * structure that cannot be read 422 with the reason.
 */
public final class GuestFiles {
  /** Folders first, then by name ignoring case (then exactly, so the order is stable). */
  static final Comparator<FileEntryDto> ORDER =
      Comparator.comparing((FileEntryDto e) -> !e.directory())
          .thenComparing(e -> e.name().toLowerCase(Locale.ROOT))
          .thenComparing(FileEntryDto::name);

  private GuestFiles() {}

  public static List<PartitionDto> partitions(RestoreSession session) {
    return session.disk().volumes().stream().map(GuestFiles::partition).toList();
  }

  static PartitionDto partition(Volume v) {
    return new PartitionDto(
        v.id(),
        v.displayName(),
        v.size(),
        v.fileSystemType(),
        v.label(),
        v.readable(),
        v.readable() ? null : v.reason() == null ? v.status().name().toLowerCase() : v.reason());
  }

  /** The file system of partition {@code id}: 404 when unknown, 422 when it has none. */
  public static GuestFileSystem fileSystem(RestoreSession session, String id) {
    if (id == null || id.isBlank()) {
      throw new Refusal(400, "partition is required (an id from the mount's partitions)");
    }
    Volume volume;
    try {
      volume = session.disk().volume(id);
    } catch (IllegalArgumentException e) {
      throw new Refusal(404, e.getMessage());
    }
    if (!volume.readable()) {
      throw new Refusal(
          422, volume.displayName() + " has no readable file system: " + volume.reason());
    }
    return volume.fileSystem();
  }

  /** Parses a path from a request: 400 for anything that could escape the file system. */
  public static GuestPath path(String value) {
    try {
      return GuestPath.parse(value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw new Refusal(400, e.getMessage());
    }
  }

  /** The same order on the guest library's entries, so that only a page becomes DTOs. */
  private static final Comparator<GuestEntry> ENTRY_ORDER =
      Comparator.comparing((GuestEntry e) -> !e.isDirectory())
          .thenComparing(e -> e.name().toLowerCase(Locale.ROOT))
          .thenComparing(GuestEntry::name);

  /** The entries of folder {@code path}, folders first (all of them, for the Restore page). */
  public static List<FileEntryDto> list(GuestFileSystem fs, GuestPath path) {
    return page(fs, path, 0, Integer.MAX_VALUE).items();
  }

  /**
   * A page of folder {@code path}'s entries, folders first, with their total. Only the page is
   * turned into DTOs; the readers cap a folder at a million entries (a hostile file system cannot
   * make a listing exhaust the hub's memory), and a larger folder is a 422 naming the limit.
   */
  public static Page<FileEntryDto> page(GuestFileSystem fs, GuestPath path, int offset, int limit) {
    GuestEntry folder = stat(fs, path);
    if (!folder.isDirectory()) {
      throw new Refusal(400, "/" + path + " is not a folder");
    }
    List<GuestEntry> entries;
    try {
      entries = new ArrayList<>(fs.list(path));
    } catch (IOException e) {
      throw new Refusal(422, "/" + path + " cannot be listed: " + e.getMessage());
    }
    entries.sort(ENTRY_ORDER);
    int from = Math.min(offset, entries.size());
    int to = (int) Math.min(entries.size(), (long) from + limit);
    List<FileEntryDto> items = entries.subList(from, to).stream().map(GuestFiles::dto).toList();
    return new Page<>(items, entries.size(), offset, limit);
  }

  /** The entry at {@code path}: 404 when it does not exist, 422 when it cannot be read. */
  public static GuestEntry stat(GuestFileSystem fs, GuestPath path) {
    try {
      return fs.stat(path);
    } catch (UnsupportedContentException e) {
      throw new Refusal(422, e.getMessage());
    } catch (IOException e) {
      if (!exists(fs, path)) {
        throw new Refusal(404, "No file or folder /" + path + " in this partition");
      }
      throw new Refusal(422, "/" + path + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * Whether {@code path} is listed by its parent: tells "does not exist" (404) from "exists but is
   * damaged" (422) without depending on each reader's messages.
   */
  private static boolean exists(GuestFileSystem fs, GuestPath path) {
    if (path.isRoot()) {
      return true;
    }
    try {
      return fs.list(path.parent()).stream().anyMatch(e -> e.name().equalsIgnoreCase(path.name()));
    } catch (IOException e) {
      return exists(fs, path.parent());
    }
  }

  static FileEntryDto dto(GuestEntry e) {
    return new FileEntryDto(
        e.name(),
        e.path().toString(),
        e.kind().name().toLowerCase(Locale.ROOT),
        e.size(),
        e.modified(),
        e.linkTarget(),
        e.unsupported());
  }
}
