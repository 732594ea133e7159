package io.sendense.plugins.repolocal;

import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StoragePath;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Maps the JDK's file exceptions to {@link FailureKind}s with messages that name the path. */
final class LocalErrors {

  private LocalErrors() {}

  static StorageException map(String action, StoragePath path, IOException e) {
    if (e instanceof StorageException storage) {
      return storage;
    }
    String where = action + " '" + path + "'";
    if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
      return new StorageException(FailureKind.PATH_NOT_FOUND, "Cannot " + where + ": not found", e);
    }
    if (e instanceof FileAlreadyExistsException) {
      return new StorageException(
          FailureKind.ALREADY_EXISTS, "Cannot " + where + ": target already exists", e);
    }
    if (e instanceof AccessDeniedException) {
      return new StorageException(
          FailureKind.ACCESS_DENIED,
          "Cannot " + where + ": permission denied; give the hub's user write access",
          e);
    }
    if (e instanceof DirectoryNotEmptyException) {
      return new StorageException(
          FailureKind.OTHER, "Cannot " + where + ": folder is not empty", e);
    }
    String detail = String.valueOf(e.getMessage());
    if (detail.contains("No space left") || detail.contains("Disk quota exceeded")) {
      return new StorageException(FailureKind.NO_SPACE, "Cannot " + where + ": " + detail, e);
    }
    if (detail.contains("Read-only file system")) {
      return new StorageException(FailureKind.NOT_WRITABLE, "Cannot " + where + ": " + detail, e);
    }
    return new StorageException(FailureKind.OTHER, "Cannot " + where + ": " + e, e);
  }
}
