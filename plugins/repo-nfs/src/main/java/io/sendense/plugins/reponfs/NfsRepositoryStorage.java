package io.sendense.plugins.reponfs;

import com.emc.ecs.nfsclient.nfs.NfsCreateMode;
import com.emc.ecs.nfsclient.nfs.NfsFsStat;
import com.emc.ecs.nfsclient.nfs.NfsGetAttributes;
import com.emc.ecs.nfsclient.nfs.NfsSetAttributes;
import com.emc.ecs.nfsclient.nfs.NfsType;
import com.emc.ecs.nfsclient.nfs.io.Nfs3File;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.Capacity;
import io.sendense.plugin.api.repository.RepositoryStorage;
import io.sendense.plugin.api.repository.StorageEntry;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StorageFile;
import io.sendense.plugin.api.repository.StoragePath;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A repository in a folder of an NFSv3 export, reached with the pure-Java client over TCP. The
 * client is stateless towards the server and reconnects by itself after a server restart.
 */
final class NfsRepositoryStorage implements RepositoryStorage {

  /** rwxr-xr-x: the client would create folders with mode 000 otherwise. */
  private static final long FOLDER_MODE = 0755;

  /** rw-r--r-- for new files. */
  private static final long FILE_MODE = 0644;

  private final NfsSettings settings;
  private final Nfs3 nfs;

  NfsRepositoryStorage(NfsSettings settings, Nfs3 nfs) {
    this.settings = settings;
    this.nfs = nfs;
  }

  private Nfs3File file(StoragePath path) throws IOException {
    return new Nfs3File(nfs, settings.nfsPath(path));
  }

  /**
   * Whether something exists at {@code path}, by LOOKUPs from the export's root. The client's own
   * {@code exists()} answers "no" when the server does not answer at all, which would make a backup
   * take a parent for gone or a restart its partial image; here that is an error.
   */
  private boolean exists(StoragePath path) throws IOException {
    return NfsLookups.exists(nfs, settings.folder(), path);
  }

  @Override
  public Capacity capacity() throws StorageException {
    try {
      NfsFsStat stat = nfs.getNfsFsStat();
      return new Capacity(stat.tbytes, Math.max(0, stat.tbytes - stat.fbytes), stat.bytes);
    } catch (IOException e) {
      throw NfsErrors.map("Cannot read the capacity of " + settings.location(), e);
    }
  }

  @Override
  public Optional<StorageEntry> stat(StoragePath path) throws StorageException {
    try {
      Nfs3File file = file(path);
      return exists(path)
          ? Optional.of(entry(path, file.getattr().getAttributes()))
          : Optional.empty();
    } catch (IOException e) {
      throw NfsErrors.map("Cannot read '" + path + "'", e);
    }
  }

  private static StorageEntry entry(StoragePath path, NfsGetAttributes attributes) {
    boolean directory = attributes.getType() == NfsType.NFS_DIR;
    return new StorageEntry(
        path,
        directory,
        directory ? 0 : attributes.getSize(),
        Instant.ofEpochMilli(attributes.getMtime().getTimeInMillis()));
  }

  @Override
  public List<StorageEntry> list(StoragePath folder) throws StorageException {
    try {
      Nfs3File dir = file(folder);
      if (!exists(folder) || !dir.isDirectory()) {
        throw new StorageException(
            FailureKind.PATH_NOT_FOUND, "Cannot list '" + folder + "': no such folder");
      }
      List<StorageEntry> entries = new ArrayList<>();
      for (String name : dir.list()) {
        if (!name.equals(".") && !name.equals("..")) {
          StoragePath child = folder.resolve(name);
          entries.add(entry(child, file(child).getattr().getAttributes()));
        }
      }
      entries.sort(Comparator.comparing(StorageEntry::name));
      return entries;
    } catch (IOException e) {
      throw NfsErrors.map("Cannot list '" + folder + "'", e);
    }
  }

  @Override
  public void createDirectories(StoragePath folder) throws StorageException {
    StoragePath current = StoragePath.ROOT;
    for (String segment : folder.segments()) {
      current = current.resolve(segment);
      try {
        Nfs3File dir = file(current);
        if (!exists(current)) {
          dir.mkdir(attributes(FOLDER_MODE));
        }
      } catch (IOException e) {
        StorageException mapped = NfsErrors.map("Cannot create folder '" + current + "'", e);
        if (mapped.kind() != FailureKind.ALREADY_EXISTS) {
          throw mapped;
        }
      }
    }
  }

  private static NfsSetAttributes attributes(long mode) {
    NfsSetAttributes attributes = new NfsSetAttributes();
    attributes.setMode(mode);
    return attributes;
  }

  @Override
  public StorageFile create(StoragePath path) throws StorageException {
    try {
      Nfs3File file = file(path);
      file.create(NfsCreateMode.GUARDED, attributes(FILE_MODE), null);
      return new NfsStorageFile(path, file(path), true);
    } catch (IOException e) {
      throw NfsErrors.map("Cannot create '" + path + "'", e);
    }
  }

  @Override
  public StorageFile open(StoragePath path, boolean writable) throws StorageException {
    try {
      Nfs3File file = file(path);
      if (!exists(path)) {
        throw new StorageException(
            FailureKind.PATH_NOT_FOUND, "Cannot open '" + path + "': not found");
      }
      if (file.isDirectory()) {
        throw new StorageException(FailureKind.OTHER, "Cannot open '" + path + "': it is a folder");
      }
      return new NfsStorageFile(path, file, writable);
    } catch (IOException e) {
      throw NfsErrors.map("Cannot open '" + path + "'", e);
    }
  }

  @Override
  public void rename(StoragePath source, StoragePath target) throws StorageException {
    String what = "Cannot rename '" + source + "' to '" + target + "'";
    try {
      Nfs3File from = file(source);
      Nfs3File to = file(target);
      if (!exists(source)) {
        throw new StorageException(FailureKind.PATH_NOT_FOUND, what + ": source not found");
      }
      // NFS RENAME replaces the target; the API promises never to replace a restore point.
      if (exists(target)) {
        throw new StorageException(FailureKind.ALREADY_EXISTS, what + ": target already exists");
      }
      from.rename(to);
    } catch (IOException e) {
      throw NfsErrors.map(what, e);
    }
  }

  @Override
  public void delete(StoragePath path) throws StorageException {
    try {
      Nfs3File file = file(path);
      if (!exists(path)) {
        throw new StorageException(
            FailureKind.PATH_NOT_FOUND, "Cannot delete '" + path + "': not found");
      }
      if (file.isDirectory()) {
        file.rmdir();
      } else {
        file.remove();
      }
    } catch (IOException e) {
      throw NfsErrors.map("Cannot delete '" + path + "'", e);
    }
  }

  @Override
  public void close() {
    // The client keeps no session; its pooled TCP connection closes when the JVM drops it.
  }
}
