package io.sendense.image.cli;

import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestPath;
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
 * is still extracted.
 */
final class Extractor {
  static final int MAX_DEPTH = 256;

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

  Extractor(GuestFileSystem fs, Path root, PrintStream err) {
    this.fs = fs;
    this.root = root.toAbsolutePath().normalize();
    this.err = err;
  }

  Counts counts() {
    return counts;
  }

  /** Extracts {@code entry} to {@code target} (inside the root given at construction). */
  void extract(GuestEntry entry, Path target, int depth) {
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
    if (!Files.isDirectory(target)) {
      Files.createDirectory(target);
    }
    counts.directories++;
    GuestEntry self = fs.stat(path);
    for (GuestEntry child : fs.list(path)) {
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
        out.write(buffer, 0, n);
        counts.bytes += n;
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
