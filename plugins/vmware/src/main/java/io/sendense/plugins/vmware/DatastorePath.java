package io.sendense.plugins.vmware;

/**
 * A vSphere datastore path, "[datastore] folder/file.vmdk", split into its parts.
 *
 * @param datastore the datastore's name
 * @param path the path inside the datastore, without leading slash
 */
record DatastorePath(String datastore, String path) {

  /** Parses "[ds] path"; the path may be empty. */
  static DatastorePath parse(String text) {
    int close = text.indexOf(']');
    if (!text.startsWith("[") || close < 0) {
      throw new IllegalArgumentException("Not a datastore path: '" + text + "'");
    }
    return new DatastorePath(text.substring(1, close), text.substring(close + 1).trim());
  }

  /**
   * The file that holds a disk's data: for "disk.vmdk" (the descriptor) it is "disk-flat.vmdk".
   * Paths that already name a data file are kept.
   */
  DatastorePath flatFile() {
    if (!path.endsWith(".vmdk") || path.endsWith("-flat.vmdk")) {
      return this;
    }
    return new DatastorePath(datastore, path.substring(0, path.length() - 5) + "-flat.vmdk");
  }

  @Override
  public String toString() {
    return "[" + datastore + "] " + path;
  }
}
