package io.sendense.plugin.api.repository;

import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.Unstable;
import java.util.List;
import java.util.Optional;

/**
 * An opened repository: the files of restore points under one root, on a folder, a share or an
 * export.
 *
 * <p>All paths are relative to the repository root and already validated ({@link StoragePath}).
 * Implementations are safe for use by several threads at once and keep whatever connection they
 * need, reconnecting after a dropped connection where the protocol allows it. Every failure is a
 * {@link StorageException} whose {@link FailureKind} says what went wrong ({@code PATH_NOT_FOUND},
 * {@code ALREADY_EXISTS}, {@code NO_SPACE}, {@code CONNECTION_LOST}, ...).
 */
public interface RepositoryStorage extends AutoCloseable {

  /** Total, used and free space, as the underlying file system or server reports it. */
  Capacity capacity() throws StorageException;

  /** The file or folder at {@code path}, or empty if there is none. */
  Optional<StorageEntry> stat(StoragePath path) throws StorageException;

  /**
   * The entries directly inside a folder, sorted by name.
   *
   * @throws StorageException {@code PATH_NOT_FOUND} if the folder does not exist
   */
  List<StorageEntry> list(StoragePath folder) throws StorageException;

  /** Creates a folder and any missing parents; does nothing if it already exists. */
  void createDirectories(StoragePath folder) throws StorageException;

  /**
   * Creates a new empty file, open for reading and writing; its parent folder must exist.
   *
   * @throws StorageException {@code ALREADY_EXISTS} if anything exists at {@code path}
   */
  StorageFile create(StoragePath path) throws StorageException;

  /**
   * Opens an existing file.
   *
   * @param writable whether the handle may write; read-only handles refuse writes
   * @throws StorageException {@code PATH_NOT_FOUND} if there is no such file
   */
  StorageFile open(StoragePath path, boolean writable) throws StorageException;

  /**
   * Renames a file or folder in one atomic step: afterwards either the old name or the new name
   * exists, never neither, never a partial file. The target's parent folder must exist. This is how
   * a finished temporary file becomes a restore point.
   *
   * @throws StorageException {@code ALREADY_EXISTS} if the target exists (it is never replaced),
   *     {@code PATH_NOT_FOUND} if the source does not
   */
  void rename(StoragePath source, StoragePath target) throws StorageException;

  /**
   * Deletes a file or an empty folder.
   *
   * @throws StorageException {@code PATH_NOT_FOUND} if nothing exists at {@code path}
   */
  void delete(StoragePath path) throws StorageException;

  /**
   * Makes a file read-only for good (no write, rename or delete, also not by Sendense), for
   * protection against ransomware. Only called when {@link
   * RepositoryStorageType#supportsImmutableFiles()} is {@code true}.
   */
  @Unstable("No built-in type implements it yet; retention and legal hold may change its terms")
  default void makeImmutable(StoragePath path) throws StorageException {
    throw new StorageException(
        FailureKind.PROTOCOL_ERROR, "This repository type cannot make files immutable");
  }

  /** Closes connections and releases resources; open files become unusable. */
  @Override
  void close() throws StorageException;
}
