package io.sendense.plugins.quotafolder;

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
import java.nio.file.Files;
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
 * The opened repository: a folder whose total file size may not pass the quota. Usage is counted
 * once when opened and then kept up to date by every write, truncate and delete.
 */
final class QuotaFolderStorage implements RepositoryStorage {

  private final Path root;
  private final Quota quota;

  QuotaFolderStorage(Path root, long limit) throws StorageException {
    this.root = root;
    this.quota = new Quota(limit, usedBytes(root));
  }

  private static long usedBytes(Path root) throws StorageException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      throw new StorageException(FailureKind.OTHER, "Cannot measure " + root + ": " + e, e);
    }
  }

  private Path resolve(StoragePath path) {
    return root.resolve(path.toString().isEmpty() ? "." : path.toString()).normalize();
  }

  @Override
  public Capacity capacity() throws StorageException {
    long used = quota.used();
    return new Capacity(quota.limit(), used, Math.max(0, quota.limit() - used));
  }

  @Override
  public Optional<StorageEntry> stat(StoragePath path) throws StorageException {
    Path file = resolve(path);
    return Files.exists(file) ? Optional.of(entry(path, file)) : Optional.empty();
  }

  private StorageEntry entry(StoragePath path, Path file) throws StorageException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      long size = a.isDirectory() ? 0 : a.size();
      return new StorageEntry(path, a.isDirectory(), size, a.lastModifiedTime().toInstant());
    } catch (IOException e) {
      throw failed("read", path, e);
    }
  }

  @Override
  public List<StorageEntry> list(StoragePath folder) throws StorageException {
    List<StorageEntry> entries = new ArrayList<>();
    try (Stream<Path> children = Files.list(resolve(folder))) {
      for (Path child : children.toList()) {
        entries.add(entry(folder.resolve(child.getFileName().toString()), child));
      }
    } catch (IOException e) {
      throw failed("list", folder, e);
    }
    entries.sort(Comparator.comparing(StorageEntry::name));
    return entries;
  }

  @Override
  public void createDirectories(StoragePath folder) throws StorageException {
    try {
      Files.createDirectories(resolve(folder));
    } catch (IOException e) {
      throw failed("create folder", folder, e);
    }
  }

  @Override
  public StorageFile create(StoragePath path) throws StorageException {
    return open(
        path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  @Override
  public StorageFile open(StoragePath path, boolean writable) throws StorageException {
    return writable
        ? open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
        : open(path, StandardOpenOption.READ);
  }

  private StorageFile open(StoragePath path, StandardOpenOption... options)
      throws StorageException {
    try {
      return new QuotaFile(path, FileChannel.open(resolve(path), options), quota);
    } catch (IOException e) {
      throw failed("open", path, e);
    }
  }

  @Override
  public void rename(StoragePath source, StoragePath target) throws StorageException {
    try {
      if (Files.exists(resolve(target))) {
        throw new FileAlreadyExistsException(target.toString());
      }
      Files.move(resolve(source), resolve(target), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw failed("rename '" + source + "' to", target, e);
    }
  }

  @Override
  public void delete(StoragePath path) throws StorageException {
    try {
      Path file = resolve(path);
      long size = Files.isRegularFile(file) ? Files.size(file) : 0;
      Files.delete(file);
      quota.release(size);
    } catch (IOException e) {
      throw failed("delete", path, e);
    }
  }

  @Override
  public void close() {
    // Nothing to release: files are closed by their users.
  }

  private static StorageException failed(String action, StoragePath path, IOException e) {
    FailureKind kind =
        e instanceof NoSuchFileException
            ? FailureKind.PATH_NOT_FOUND
            : e instanceof FileAlreadyExistsException
                ? FailureKind.ALREADY_EXISTS
                : FailureKind.OTHER;
    return new StorageException(kind, "Cannot " + action + " '" + path + "': " + e.getMessage(), e);
  }
}
