package io.sendense.image.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An {@link ImageStore} in a local folder (or a file system mounted on this machine). Files are
 * {@link FileChannel}s; large fresh runs go through O_DIRECT where the file system allows it (see
 * {@link LocalImageChannel}); {@link #syncFolder} fsyncs the folder so that a rename survives a
 * power loss.
 */
public final class LocalImageStore implements ImageStore {
  private final Path root;

  /** A store whose names are relative to {@code root}. */
  public LocalImageStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The store of the whole local file system: names are absolute paths without the first '/'. */
  public static LocalImageStore fileSystem() {
    return new LocalImageStore(Path.of("/"));
  }

  /** The root folder. */
  public Path root() {
    return root;
  }

  /** The local path of a name. */
  public Path path(String name) {
    Path p = name.isEmpty() ? root : root.resolve(ImageNames.check(name)).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("Image name '" + name + "' leaves " + root);
    }
    return p;
  }

  /**
   * The name of a local path inside this store.
   *
   * @throws IllegalArgumentException if it is not inside the store's root folder
   */
  public String nameOf(Path file) {
    Path p = file.toAbsolutePath().normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException(file + " is not inside " + root);
    }
    return ImageNames.check(root.relativize(p).toString().replace('\\', '/'));
  }

  @Override
  public String location(String name) {
    return path(name).toString();
  }

  @Override
  public Optional<ImageEntry> stat(String name) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(path(name), BasicFileAttributes.class);
      return Optional.of(new ImageEntry(name, a.isDirectory(), a.isDirectory() ? 0 : a.size()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<ImageEntry> list(String folder) throws IOException {
    List<ImageEntry> entries = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(path(folder))) {
      for (Path child : children) {
        String name = ImageNames.join(folder, child.getFileName().toString());
        boolean dir = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
        entries.add(new ImageEntry(name, dir, dir ? 0 : Files.size(child)));
      }
    }
    entries.sort(Comparator.comparing(ImageEntry::name));
    return entries;
  }

  @Override
  public void createDirectories(String folder) throws IOException {
    Files.createDirectories(path(folder));
  }

  @Override
  public ImageChannel create(String name) throws IOException {
    Path p = path(name);
    FileChannel ch =
        FileChannel.open(
            p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new LocalImageChannel(p, ch, true);
  }

  @Override
  public ImageChannel open(String name, boolean writable) throws IOException {
    Path p = path(name);
    FileChannel ch =
        writable
            ? FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)
            : FileChannel.open(p, StandardOpenOption.READ);
    return new LocalImageChannel(p, ch, writable);
  }

  /**
   * Renames atomically. The file system's rename would replace an existing target, so the target is
   * checked first: names of restore points are unique, no other writer creates them meanwhile.
   */
  @Override
  public void rename(String from, String to) throws IOException {
    Path target = path(to);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString(), null, "target exists");
    }
    Files.move(path(from), target, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public boolean deleteIfExists(String name) throws IOException {
    return Files.deleteIfExists(path(name));
  }

  @Override
  public void syncFolder(String folder) throws IOException {
    try (FileChannel ch = FileChannel.open(path(folder), StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems (and all of Windows) cannot open a folder; the rename is then as
      // durable as that file system makes it.
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
