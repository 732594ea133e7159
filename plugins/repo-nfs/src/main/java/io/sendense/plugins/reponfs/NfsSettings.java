package io.sendense.plugins.reponfs;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.repository.StoragePath;

/**
 * The typed settings of one NFS repository, read once from its configuration.
 *
 * @param host server name or address
 * @param export exported path as the server lists it (showmount -e), for example /srv/backup
 * @param folder folder inside the export that is the repository root (empty for the export root)
 * @param uid user id sent with every request (AUTH_SYS)
 * @param gid group id sent with every request
 */
record NfsSettings(String host, String export, StoragePath folder, int uid, int gid) {

  static NfsSettings from(Configuration config) {
    String export = config.require(NfsStorageType.EXPORT).trim();
    return new NfsSettings(
        config.require(NfsStorageType.HOST).trim(),
        export.startsWith("/") ? export : "/" + export,
        StoragePath.of(config.get(NfsStorageType.PATH).orElse("").trim().replaceAll("^/+|/+$", "")),
        (int) config.getLong(NfsStorageType.UID, 0),
        (int) config.getLong(NfsStorageType.GID, 0));
  }

  /** The client path (from the export root, leading slash) of a repository path. */
  String nfsPath(StoragePath path) {
    StoragePath full = folder;
    for (String segment : path.segments()) {
      full = full.resolve(segment);
    }
    return "/" + full;
  }

  /** Where the repository is, for messages: {@code host:/export/folder}. */
  String location() {
    return host + ":" + export + (folder.isRoot() ? "" : "/" + folder);
  }
}
