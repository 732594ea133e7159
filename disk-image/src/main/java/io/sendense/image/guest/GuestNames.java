package io.sendense.image.guest;

/**
 * Checks names read from a guest directory before they become {@link GuestPath} segments: a hostile
 * file system could store {@code ..}, a {@code /} or a NUL in a name to escape the folder a restore
 * writes into.
 */
public final class GuestNames {
  private GuestNames() {}

  /** Returns {@code name} if it is a safe path segment, else throws naming the folder. */
  public static String check(String name, String folder) throws GuestFsException {
    if (name.isEmpty()
        || name.equals(".")
        || name.equals("..")
        || name.indexOf('/') >= 0
        || name.indexOf('\0') >= 0) {
      throw new GuestFsException(
          folder + ": directory entry with an invalid name '" + name.replace("\0", "\\0") + "'");
    }
    return name;
  }
}
