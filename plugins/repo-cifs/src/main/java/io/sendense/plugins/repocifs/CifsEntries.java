package io.sendense.plugins.repocifs;

import com.hierynomus.msfscc.FileAttributes;
import com.hierynomus.msfscc.fileinformation.FileAllInformation;
import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.share.DiskShare;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageEntry;
import io.sendense.plugin.api.repository.StoragePath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Turns SMB file information into {@link StorageEntry}s. */
final class CifsEntries {

  private CifsEntries() {}

  /** The entry at {@code smbPath}, or empty if the server says it does not exist. */
  static Optional<StorageEntry> stat(DiskShare share, String smbPath, StoragePath path) {
    try {
      FileAllInformation info = share.getFileInformation(smbPath);
      boolean directory = info.getStandardInformation().isDirectory();
      return Optional.of(
          new StorageEntry(
              path,
              directory,
              directory ? 0 : info.getStandardInformation().getEndOfFile(),
              Instant.ofEpochMilli(info.getBasicInformation().getLastWriteTime().toEpochMillis())));
    } catch (SMBApiException e) {
      if (CifsErrors.kindOf(e.getStatus()) == FailureKind.PATH_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The entries of a directory listing without {@code .} and {@code ..}, sorted by name. */
  static List<StorageEntry> list(List<FileIdBothDirectoryInformation> listing, StoragePath folder) {
    List<StorageEntry> entries = new ArrayList<>();
    for (FileIdBothDirectoryInformation info : listing) {
      String name = info.getFileName();
      if (name.equals(".") || name.equals("..")) {
        continue;
      }
      boolean directory =
          (info.getFileAttributes() & FileAttributes.FILE_ATTRIBUTE_DIRECTORY.getValue()) != 0;
      entries.add(
          new StorageEntry(
              folder.resolve(name),
              directory,
              directory ? 0 : info.getEndOfFile(),
              Instant.ofEpochMilli(info.getLastWriteTime().toEpochMillis())));
    }
    entries.sort(Comparator.comparing(StorageEntry::name));
    return entries;
  }
}
