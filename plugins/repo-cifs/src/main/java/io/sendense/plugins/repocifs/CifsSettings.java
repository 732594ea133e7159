package io.sendense.plugins.repocifs;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.repository.StoragePath;

/**
 * The typed settings of one CIFS repository, read once from its configuration.
 *
 * @param host server name or address
 * @param port SMB port, normally 445
 * @param share share name, without slashes
 * @param folder folder inside the share that is the repository root (empty for the share root)
 * @param username account name
 * @param password account password (never logged: {@link #toString()} leaves it out)
 * @param domain domain or workgroup of the account, empty for a local account
 * @param requireSigning refuse servers that do not sign (the default)
 * @param encrypt encrypt all traffic (SMB 3)
 */
record CifsSettings(
    String host,
    int port,
    String share,
    StoragePath folder,
    String username,
    String password,
    String domain,
    boolean requireSigning,
    boolean encrypt) {

  static CifsSettings from(Configuration config) {
    return new CifsSettings(
        config.require(CifsStorageType.HOST).trim(),
        (int) config.getLong(CifsStorageType.PORT, 445),
        trimSlashes(config.require(CifsStorageType.SHARE)),
        StoragePath.of(trimSlashes(config.get(CifsStorageType.PATH).orElse("")).replace('\\', '/')),
        config.require(CifsStorageType.USERNAME),
        config.get(CifsStorageType.PASSWORD).orElse(""),
        config.get(CifsStorageType.DOMAIN).orElse(""),
        Boolean.parseBoolean(config.get(CifsStorageType.SIGNING).orElse("true")),
        Boolean.parseBoolean(config.get(CifsStorageType.ENCRYPTION).orElse("false")));
  }

  private static String trimSlashes(String text) {
    return text.trim().replaceAll("^[/\\\\]+|[/\\\\]+$", "");
  }

  /** The SMB path (back slashes, relative to the share) of a repository path. */
  String smbPath(StoragePath path) {
    StoragePath full = folder;
    for (String segment : path.segments()) {
      full = full.resolve(segment);
    }
    return String.join("\\", full.segments());
  }

  /** Where the repository is, for messages: {@code \\host:port\share\folder}. */
  String location() {
    return "\\\\"
        + host
        + ":"
        + port
        + "\\"
        + share
        + (folder.isRoot() ? "" : "\\" + smbPath(StoragePath.ROOT));
  }

  @Override
  public String toString() {
    return "CifsSettings[" + location() + " as " + domain + "\\" + username + "]";
  }
}
