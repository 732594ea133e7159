package io.sendense.webapp.restore;

import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A guest file system in memory for the restore tests, kept as a damaged or hostile volume can
 * present it: a graph of folders by identity, each listing its entries in the order they were added
 * (not sorted), where a name may lead back to a folder already in the tree (a loop, or a second
 * name for a folder) and a folder may fail to list. Paths are resolved through the graph, so a loop
 * can be followed for ever. The root's identity is {@link #ROOT}; every file holds "abc".
 */
final class GuestTree implements GuestFileSystem {
  static final long ROOT = 2;
  private static final byte[] CONTENT = "abc".getBytes(StandardCharsets.UTF_8);

  /** A name in a folder; files have negative identities. */
  private record Link(String name, long identity) {}

  private final Map<Long, List<Link>> folders = new HashMap<>();
  private final Map<Long, String> unlistable = new HashMap<>();
  private long nextFolder = 100;
  private long nextFile = -1;

  GuestTree() {
    folders.put(ROOT, new ArrayList<>());
  }

  /** A new folder at {@code path}, in a folder already added. */
  GuestTree folder(String path) {
    return folder(path, nextFolder++);
  }

  /**
   * A folder at {@code path} with {@code identity}: a new folder, or one already in the tree (then
   * the same folder under a second name, a loop if it holds {@code path}).
   */
  GuestTree folder(String path, long identity) {
    link(path, identity);
    folders.putIfAbsent(identity, new ArrayList<>());
    return this;
  }

  /** A new folder at {@code path} that cannot be listed: listing it fails with {@code message}. */
  GuestTree unlistable(String path, String message) {
    long identity = nextFolder++;
    unlistable.put(identity, message);
    return folder(path, identity);
  }

  /** A file at {@code path} holding "abc". */
  GuestTree file(String path) {
    link(path, nextFile--);
    return this;
  }

  private void link(String path, long identity) {
    GuestPath p = GuestPath.parse(path);
    try {
      folders.get(identity(p.parent())).add(new Link(p.name(), identity));
    } catch (IOException e) {
      throw new IllegalArgumentException("no folder for " + path, e);
    }
  }

  private long identity(GuestPath path) throws IOException {
    long id = ROOT;
    for (String segment : path.segments()) {
      long current = id;
      id =
          folders.getOrDefault(current, List.of()).stream()
              .filter(l -> l.name().equals(segment))
              .findFirst()
              .orElseThrow(() -> new IOException("no such entry: " + path))
              .identity();
    }
    return id;
  }

  private static GuestEntry entry(GuestPath path, long identity) {
    return identity < 0
        ? new GuestEntry(path.name(), path, GuestEntry.Kind.FILE, CONTENT.length, null, null, null)
        : new GuestEntry(
            path.isRoot() ? "" : path.name(),
            path,
            GuestEntry.Kind.DIRECTORY,
            0,
            null,
            null,
            null,
            identity);
  }

  @Override
  public String type() {
    return "test";
  }

  @Override
  public String label() {
    return "";
  }

  @Override
  public long sizeBytes() {
    return 1 << 20;
  }

  @Override
  public GuestEntry stat(GuestPath path) throws IOException {
    return entry(path, identity(path));
  }

  @Override
  public List<GuestEntry> list(GuestPath path) throws IOException {
    long identity = identity(path);
    if (unlistable.containsKey(identity)) {
      throw new IOException(unlistable.get(identity));
    }
    if (identity < 0) {
      throw new IOException("not a folder: " + path);
    }
    List<GuestEntry> entries = new ArrayList<>();
    for (Link link : folders.get(identity)) {
      entries.add(entry(path.child(link.name()), link.identity()));
    }
    return entries;
  }

  @Override
  public InputStream open(GuestPath path) throws IOException {
    if (identity(path) >= 0) {
      throw new IOException("not a file: " + path);
    }
    return new ByteArrayInputStream(CONTENT);
  }
}
