package io.sendense.plugins.repocifs;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.FileAttributes;
import com.hierynomus.msfscc.fileinformation.ShareInfo;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2CreateOptions;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.share.DiskEntry;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.Capacity;
import io.sendense.plugin.api.repository.RepositoryStorage;
import io.sendense.plugin.api.repository.StorageEntry;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * A repository in a folder of an SMB2/3 share. Every call goes through {@link #call}, which maps
 * errors and, after a dropped connection, lets the next call reconnect; calls that are safe to
 * repeat are retried once on a fresh connection right away.
 */
final class CifsRepositoryStorage implements RepositoryStorage {

  private final CifsSettings settings;
  private final CifsConnection connection;

  CifsRepositoryStorage(CifsSettings settings, CifsConnection connection) {
    this.settings = settings;
    this.connection = connection;
  }

  /** One SMB operation on the share. */
  interface ShareCall<T> {
    T apply(DiskShare share) throws StorageException;
  }

  private <T> T call(String what, boolean repeatable, ShareCall<T> op) throws StorageException {
    DiskShare share = connection.share();
    try {
      return op.apply(share);
    } catch (SMBApiException e) {
      StorageException mapped = CifsErrors.map(what, e);
      if (mapped.kind() == FailureKind.CONNECTION_LOST) {
        connection.reset(share);
      }
      throw mapped;
    } catch (RuntimeException e) {
      connection.reset(share);
      if (!repeatable) {
        throw CifsErrors.map(what, e);
      }
    }
    try {
      return op.apply(connection.share());
    } catch (RuntimeException e) {
      throw CifsErrors.map(what, e);
    }
  }

  @Override
  public Capacity capacity() throws StorageException {
    return call(
        "Cannot read the capacity of " + settings.location(),
        true,
        share -> {
          ShareInfo info = share.getShareInformation();
          long total = info.getTotalSpace();
          return new Capacity(
              total, Math.max(0, total - info.getFreeSpace()), info.getCallerFreeSpace());
        });
  }

  @Override
  public Optional<StorageEntry> stat(StoragePath path) throws StorageException {
    return call(
        "Cannot read '" + path + "'",
        true,
        share -> CifsEntries.stat(share, settings.smbPath(path), path));
  }

  @Override
  public List<StorageEntry> list(StoragePath folder) throws StorageException {
    return call(
        "Cannot list '" + folder + "'",
        true,
        share -> CifsEntries.list(share.list(settings.smbPath(folder)), folder));
  }

  @Override
  public void createDirectories(StoragePath folder) throws StorageException {
    StoragePath current = StoragePath.ROOT;
    for (String segment : folder.segments()) {
      current = current.resolve(segment);
      String smbPath = settings.smbPath(current);
      call(
          "Cannot create folder '" + current + "'",
          true,
          share -> {
            if (!share.folderExists(smbPath)) {
              mkdirTolerant(share, smbPath);
            }
            return null;
          });
    }
  }

  private static void mkdirTolerant(DiskShare share, String smbPath) {
    try {
      share.mkdir(smbPath);
    } catch (SMBApiException e) {
      if (e.getStatus() != NtStatus.STATUS_OBJECT_NAME_COLLISION) {
        throw e;
      }
    }
  }

  @Override
  public StorageFile create(StoragePath path) throws StorageException {
    return openFile(path, true, SMB2CreateDisposition.FILE_CREATE, "create");
  }

  @Override
  public StorageFile open(StoragePath path, boolean writable) throws StorageException {
    return openFile(path, writable, SMB2CreateDisposition.FILE_OPEN, "open");
  }

  private StorageFile openFile(
      StoragePath path, boolean writable, SMB2CreateDisposition disposition, String action)
      throws StorageException {
    EnumSet<AccessMask> access =
        writable
            ? EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE)
            : EnumSet.of(AccessMask.GENERIC_READ);
    boolean repeatable = disposition == SMB2CreateDisposition.FILE_OPEN;
    return call(
        "Cannot " + action + " '" + path + "'",
        repeatable,
        share -> {
          File file =
              share.openFile(
                  settings.smbPath(path),
                  access,
                  EnumSet.of(FileAttributes.FILE_ATTRIBUTE_NORMAL),
                  SMB2ShareAccess.ALL,
                  disposition,
                  EnumSet.of(SMB2CreateOptions.FILE_NON_DIRECTORY_FILE));
          return new CifsStorageFile(path, file, writable, share, connection);
        });
  }

  @Override
  public void rename(StoragePath source, StoragePath target) throws StorageException {
    call(
        "Cannot rename '" + source + "' to '" + target + "'",
        false,
        share -> {
          try (DiskEntry entry =
              share.open(
                  settings.smbPath(source),
                  EnumSet.of(AccessMask.DELETE, AccessMask.FILE_READ_ATTRIBUTES),
                  null,
                  SMB2ShareAccess.ALL,
                  SMB2CreateDisposition.FILE_OPEN,
                  null)) {
            entry.rename(settings.smbPath(target), false);
          }
          return null;
        });
  }

  @Override
  public void delete(StoragePath path) throws StorageException {
    call(
        "Cannot delete '" + path + "'",
        false,
        share -> {
          String smbPath = settings.smbPath(path);
          if (share.getFileInformation(smbPath).getStandardInformation().isDirectory()) {
            share.rmdir(smbPath, false);
          } else {
            share.rm(smbPath);
          }
          return null;
        });
  }

  @Override
  public void close() {
    connection.close();
  }
}
