package io.sendense.image.cli;

import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestPath;
import io.sendense.image.guest.WalkGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

/**
 * Copies a guest file or folder tree to the host: never overwrites an existing file, keeps
 * modification times, writes a symbolic link only when its target stays inside the extracted tree,
 * and refuses guest names that could escape it. One failing entry is reported and skipped; the rest
 * is still extracted. A hostile file system cannot make it run forever: each folder is extracted
 * once (a loop or a second name for a folder is skipped), and a {@link WalkGuard} stops after ten
 * million entries or four times the file system's size in bytes.
 */
final class Extractor {
  static final int MAX_DEPTH = 256;
  static final long MAX_ENTRIES = 10_000_000;

  /** What was extracted and what was not. */
  static final class Counts {
    long files;
    long directories;
    long symlinks;
    long bytes;
    long skipped;
    long failed;
  }

  private final GuestFileSystem fs;
  private final Path root;
  private final PrintStream err;
  private final Counts counts = new Counts();
  private final WalkGuard guard;

  Extractor(GuestFileSystem fs, Path root, PrintStream err) {
    this(fs, root, err, new WalkGuard(MAX_ENTRIES, WalkGuard.bytesFor(fs.sizeBytes())));
  }

  Extractor(GuestFileSystem fs, Path root, PrintStream err, WalkGuard guard) {
    this.fs = fs;
    this.root = root.toAbsolutePath().normalize();
    this.err = err;
    this.guard = guard;
  }

  /** Why the extraction stopped early, or null when it went through. */
  String stopped() {
    return guard.stopped();
  }

  Counts counts() {
    return counts;
  }

  /** Extracts {@code entry} to {@code target} (inside the root given at construction). */
  void extract(GuestEntry entry, Path target, int depth) {
    if (!guard.entry()) {
      return;
    }
    try {
      switch (entry.kind()) {
        case DIRECTORY -> directory(entry.path(), target, depth);
        case FILE -> file(entry, target);
        case SYMLINK -> symlink(entry, target);
        default -> skip(entry.path(), "not a file, folder or link");
      }
    } catch (FileAlreadyExistsException e) {
      fail(entry.path(), "not overwriting existing " + e.getFile());
    } catch (IOException e) {
      fail(entry.path(), e.getMessage());
    }
  }

  private void directory(GuestPath path, Path target, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      fail(path, "deeper than " + MAX_DEPTH + " levels (a loop in the file system?)");
      return;
    }
    GuestEntry self = fs.stat(path);
    String again = guard.enter(self);
    if (again != null) {
      skip(path, again);
      return;
    }
    if (!Files.isDirectory(target)) {
      Files.createDirectory(target);
    }
    counts.directories++;
    for (GuestEntry child : fs.list(path)) {
      if (guard.stopped() != null) {
        break;
      }
      String name = child.name();
      if (name.isEmpty()
          || name.equals(".")
          || name.equals("..")
          || name.contains("/")
          || name.indexOf('\0') >= 0) {
        fail(child.path(), "unsafe name");
        continue;
      }
      extract(child, target.resolve(name), depth + 1);
    }
    if (self.modified() != null) {
      Files.setLastModifiedTime(target, FileTime.from(self.modified()));
    }
  }

  private void file(GuestEntry entry, Path target) throws IOException {
    if (entry.unsupported() != null) {
      fail(entry.path(), entry.unsupported());
      return;
    }
    try (InputStream in = fs.open(entry.path());
        OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
      byte[] buffer = new byte[1 << 20];
      for (int n; (n = in.read(buffer)) > 0; ) {
        int allowed = (int) guard.allow(n);
        out.write(buffer, 0, allowed);
        counts.bytes += allowed;
        if (allowed < n) {
          fail(entry.path(), "INCOMPLETE: " + guard.stopped());
          return;
        }
      }
    }
    if (entry.modified() != null) {
      Files.setLastModifiedTime(target, FileTime.from(entry.modified()));
    }
    counts.files++;
  }

  private void symlink(GuestEntry entry, Path target) throws IOException {
    String link = entry.linkTarget();
    Path resolved;
    try {
      resolved = target.toAbsolutePath().getParent().resolve(link).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      skip(entry.path(), "link target is not a valid path: " + link);
      return;
    }
    if (link.isEmpty() || link.startsWith("/") || !resolved.startsWith(root)) {
      skip(entry.path(), "symbolic link to " + link + " points outside the extracted folder");
      return;
    }
    Files.createSymbolicLink(target, Path.of(link));
    counts.symlinks++;
  }

  private void skip(GuestPath path, String why) {
    err.println("warning: skipped /" + path + ": " + why);
    counts.skipped++;
  }

  private void fail(GuestPath path, String why) {
    err.println("error: /" + path + ": " + why);
    counts.failed++;
  }
}
