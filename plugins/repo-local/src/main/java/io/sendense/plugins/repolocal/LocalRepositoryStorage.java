package io.sendense.plugins.repolocal;

import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.Capacity;
import io.sendense.plugin.api.repository.RepositoryStorage;
import io.sendense.plugin.api.repository.StorageEntry;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
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
import java.util.stream.Stream;

/**
 * A repository in a folder of the hub's file system. Creates, renames and deletes also fsync the
 * parent folder, so that a restore point that was reported complete survives a power cut.
 */
final class LocalRepositoryStorage implements RepositoryStorage {

  private final Path root;

  LocalRepositoryStorage(Path root) {
    this.root = root;
  }

  private Path resolve(StoragePath path) {
    Path resolved = root;
    for (String segment : path.segments()) {
      resolved = resolved.resolve(segment);
    }
    return resolved;
  }

  @Override
  public Capacity capacity() throws StorageException {
    try {
      FileStore store = Files.getFileStore(root);
      long total = store.getTotalSpace();
      long free = store.getUsableSpace();
      return new Capacity(total, Math.max(0, total - store.getUnallocatedSpace()), free);
    } catch (IOException e) {
      throw LocalErrors.map("read the capacity of", StoragePath.ROOT, e);
    }
  }

  @Override
  public Optional<StorageEntry> stat(StoragePath path) throws StorageException {
    try {
      Path file = resolve(path);
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      return Optional.of(entry(path, file));
    } catch (IOException e) {
      throw LocalErrors.map("read", path, e);
    }
  }

  private static StorageEntry entry(StoragePath path, Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return new StorageEntry(
        path,
        attributes.isDirectory(),
        attributes.isDirectory() ? 0 : attributes.size(),
        attributes.lastModifiedTime().toInstant());
  }

  @Override
  public List<StorageEntry> list(StoragePath folder) throws StorageException {
    try (Stream<Path> children = Files.list(resolve(folder))) {
      List<StorageEntry> entries = new ArrayList<>();
      for (Path child : (Iterable<Path>) children::iterator) {
        entries.add(entry(folder.resolve(child.getFileName().toString()), child));
      }
      entries.sort(Comparator.comparing(StorageEntry::name));
      return entries;
    } catch (IOException e) {
      throw LocalErrors.map("list", folder, e);
    }
  }

  @Override
  public void createDirectories(StoragePath folder) throws StorageException {
    try {
      Files.createDirectories(resolve(folder));
    } catch (IOException e) {
      throw LocalErrors.map("create folder", folder, e);
    }
  }

  @Override
  public StorageFile create(StoragePath path) throws StorageException {
    try {
      Path file = resolve(path);
      FileChannel channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      syncFolder(file.getParent());
      return new LocalStorageFile(path, channel);
    } catch (IOException e) {
      throw LocalErrors.map("create", path, e);
    }
  }

  @Override
  public StorageFile open(StoragePath path, boolean writable) throws StorageException {
    try {
      Path file = resolve(path);
      if (Files.isDirectory(file)) {
        throw new StorageException(FailureKind.OTHER, "Cannot open '" + path + "': it is a folder");
      }
      FileChannel channel =
          writable
              ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
              : FileChannel.open(file, StandardOpenOption.READ);
      return new LocalStorageFile(path, channel);
    } catch (IOException e) {
      throw LocalErrors.map("open", path, e);
    }
  }

  @Override
  public void rename(StoragePath source, StoragePath target) throws StorageException {
    try {
      Path from = resolve(source);
      Path to = resolve(target);
      if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
        throw new NoSuchFileException(from.toString());
      }
      // rename(2) would replace the target; the API promises never to replace a restore point.
      if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(to.toString());
      }
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      syncFolder(to.getParent());
      syncFolder(from.getParent());
    } catch (IOException e) {
      throw LocalErrors.map("rename '" + source + "' to", target, e);
    }
  }

  @Override
  public void delete(StoragePath path) throws StorageException {
    try {
      Path file = resolve(path);
      Files.delete(file);
      syncFolder(file.getParent());
    } catch (IOException e) {
      throw LocalErrors.map("delete", path, e);
    }
  }

  private static void syncFolder(Path folder) throws IOException {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  @Override
  public void close() {
    // Nothing is held open between calls: every file handle is owned by its caller.
  }
}
