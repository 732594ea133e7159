package io.sendense.webapp.restore;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Entry names for a restore ZIP. Guest names are hostile: a name with {@code \} or {@code :}, or a
 * control character, could make an extractor on Windows write outside its folder or fail, so those
 * characters become {@code _}. Names are also made unique ignoring case (two selected files both
 * called {@code report.txt}, or {@code A} and {@code a} in one ext folder), with {@code (2)},
 * {@code (3)}... before the extension, so no entry overwrites another when extracted.
 */
final class ZipNames {
  private final Set<String> used = new HashSet<>();

  /**
   * A unique entry name for {@code guestName} inside the entry folder {@code parent} ({@code ""} at
   * the top, else a name this object returned for a folder, ending with {@code /}).
   */
  String unique(String parent, String guestName, boolean directory) {
    String clean = clean(guestName);
    String candidate = clean;
    for (int n = 2; !used.add(key(parent, candidate)); n++) {
      candidate = numbered(clean, n, directory);
    }
    return parent + candidate + (directory ? "/" : "");
  }

  /** A name for the error list entry that no guest entry at the top took. */
  String reserve(String name) {
    return unique("", name, false);
  }

  static String clean(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(c < 0x20 || c == 0x7f || c == '\\' || c == '/' || c == ':' ? '_' : c);
    }
    String cleaned = out.toString();
    if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) {
      return "_" + cleaned;
    }
    return cleaned;
  }

  private static String numbered(String name, int n, boolean directory) {
    int dot = directory ? -1 : name.lastIndexOf('.');
    if (dot <= 0) {
      return name + " (" + n + ")";
    }
    return name.substring(0, dot) + " (" + n + ")" + name.substring(dot);
  }

  private static String key(String parent, String name) {
    return (parent + name).toLowerCase(Locale.ROOT);
  }
}
