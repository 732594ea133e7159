package io.sendense.webapp.restore;

import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestPath;
import io.sendense.image.guest.WalkGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes guest files and folders as one ZIP straight to the client while it walks them: no
 * temporary file, memory bounded by one folder listing. What cannot be included (unreadable or
 * unsupported files, folders that fail to list, links, devices) is skipped and named, with the
 * reason, in a {@code RESTORE-ERRORS.txt} entry at the end. The guest file system may be hostile:
 * each folder is walked once (a folder reached again through a loop or a second name is skipped),
 * and a {@link WalkGuard} stops the ZIP after its limits of entries and bytes, saying so in the
 * errors entry.
 */
final class ZipStreamer {
  static final String ERRORS = "RESTORE-ERRORS.txt";
  private static final int MAX_DEPTH = 256;

  private final GuestFileSystem fs;
  private final WalkGuard guard;
  private final ZipNames names = new ZipNames();
  private final List<String> errors = new ArrayList<>();
  private final byte[] buffer = new byte[1 << 20];

  ZipStreamer(GuestFileSystem fs, WalkGuard guard) {
    this.fs = fs;
    this.guard = guard;
  }

  /**
   * Writes the entries at {@code roots} (each under its own name at the top; the root folder's
   * content goes to the top directly) and closes the ZIP, not {@code out}.
   */
  void write(List<GuestEntry> roots, OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    zip.setLevel(Deflater.BEST_SPEED);
    for (GuestEntry root : roots) {
      if (root.path().isRoot()) {
        if (guard.enter(root) == null) {
          folderContent(zip, root.path(), "", 0);
        }
      } else {
        add(zip, root, "", 0);
      }
    }
    if (guard.stopped() != null) {
      errors.add("This ZIP is INCOMPLETE: it " + guard.stopped() + " (a loop in the file system?)");
    }
    if (!errors.isEmpty()) {
      zip.putNextEntry(new ZipEntry(names.reserve(ERRORS)));
      String text = "These entries are not in this ZIP:\n\n" + String.join("\n", errors) + "\n";
      zip.write(text.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    zip.finish();
    zip.flush();
  }

  /** Entries that were skipped, with the reason ("/path: reason"). */
  List<String> errors() {
    return errors;
  }

  private void add(ZipOutputStream zip, GuestEntry entry, String parent, int depth)
      throws IOException {
    if (!guard.entry()) {
      return;
    }
    if (entry.unsupported() != null) {
      skip(entry.path(), entry.unsupported());
      return;
    }
    switch (entry.kind()) {
      case DIRECTORY -> {
        String again = guard.enter(entry);
        if (again != null) {
          skip(entry.path(), again);
          return;
        }
        String name = names.unique(parent, entry.name(), true);
        zip.putNextEntry(zipEntry(name, entry));
        zip.closeEntry();
        folderContent(zip, entry.path(), name, depth + 1);
      }
      case FILE -> file(zip, entry, parent);
      case SYMLINK ->
          skip(entry.path(), "symbolic link to " + entry.linkTarget() + " (not followed)");
      default -> skip(entry.path(), "not a regular file (device, socket or fifo)");
    }
  }

  private void folderContent(ZipOutputStream zip, GuestPath folder, String prefix, int depth)
      throws IOException {
    if (depth > MAX_DEPTH) {
      skip(folder, "deeper than " + MAX_DEPTH + " levels");
      return;
    }
    List<GuestEntry> children;
    try {
      children = fs.list(folder);
    } catch (IOException e) {
      skip(folder, "folder cannot be listed: " + e.getMessage());
      return;
    }
    for (GuestEntry child : children) {
      if (guard.stopped() != null) {
        return;
      }
      add(zip, child, prefix, depth);
    }
  }

  private void file(ZipOutputStream zip, GuestEntry entry, String parent) throws IOException {
    InputStream in;
    try {
      in = fs.open(entry.path());
    } catch (IOException e) {
      skip(entry.path(), e.getMessage());
      return;
    }
    try (in) {
      zip.putNextEntry(zipEntry(names.unique(parent, entry.name(), false), entry));
      long copied = 0;
      try {
        for (int n; (n = in.read(buffer)) > 0; copied += n) {
          int allowed = (int) guard.allow(n);
          zip.write(buffer, 0, allowed);
          if (allowed < n) {
            skip(entry.path(), "INCOMPLETE in this ZIP after " + (copied + allowed) + " bytes");
            break;
          }
        }
      } catch (io.sendense.image.guest.GuestFsException e) {
        skip(entry.path(), "INCOMPLETE in this ZIP after " + copied + " bytes: " + e.getMessage());
      }
      zip.closeEntry();
    }
  }

  private static ZipEntry zipEntry(String name, GuestEntry entry) {
    ZipEntry zipEntry = new ZipEntry(name);
    if (entry.modified() != null) {
      zipEntry.setLastModifiedTime(FileTime.from(entry.modified()));
    }
    return zipEntry;
  }

  private void skip(GuestPath path, String reason) {
    errors.add("/" + path + ": " + reason);
  }
}
