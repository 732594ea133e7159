package io.sendense.image.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Names inside an {@link ImageStore}: relative paths whose segments are joined with {@code /}.
 * Everything that could leave the store or confuse a server is refused with a message that names
 * the problem: absolute names, {@code .} and {@code ..} segments, empty segments, back slashes,
 * control characters. Backing file names found in image headers go through {@link #resolve}, so a
 * hostile image cannot point outside its store either.
 */
public final class ImageNames {
  private static final int MAX_SEGMENT = 255;

  private ImageNames() {}

  /**
   * Returns {@code name} if it is a valid name in a store ({@code ""} is the root).
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static String check(String name) {
    String problem = problem(name);
    if (problem != null) {
      throw new IllegalArgumentException(
          "Image name '"
              + printable(name)
              + "' "
              + problem
              + "; use a relative path inside the store");
    }
    return name;
  }

  /** Whether {@code name} names a file inside a store (not empty, nothing that leaves it). */
  public static boolean isFileName(String name) {
    return name != null && !name.isEmpty() && problem(name) == null;
  }

  /** What is wrong with a name, or null if it is valid. */
  static String problem(String name) {
    if (name == null) {
      return "is missing";
    }
    if (name.isEmpty()) {
      return null;
    }
    if (name.startsWith("/")) {
      return "is absolute";
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty()) {
        return "has an empty segment";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return "has a '" + segment + "' segment";
      }
      if (segment.length() > MAX_SEGMENT) {
        return "has a segment longer than " + MAX_SEGMENT + " characters";
      }
      if (segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
        return "has a back slash or a control character";
      }
    }
    return null;
  }

  /** The folder that holds {@code name} ({@code ""} for the root). */
  public static String parent(String name) {
    int slash = check(name).lastIndexOf('/');
    return slash < 0 ? "" : name.substring(0, slash);
  }

  /** The last segment of {@code name}. */
  public static String fileName(String name) {
    int slash = check(name).lastIndexOf('/');
    return name.substring(slash + 1);
  }

  /** {@code relative} (itself a valid name) inside {@code folder}. */
  public static String join(String folder, String relative) {
    check(folder);
    check(relative);
    return folder.isEmpty() ? relative : relative.isEmpty() ? folder : folder + "/" + relative;
  }

  /**
   * Resolves a backing file name as written in the header of image {@code image}: relative to the
   * image's folder, and only downwards. Names that are absolute, climb with {@code ..}, or are URLs
   * are refused.
   *
   * @throws IllegalArgumentException saying why the name is not followed
   */
  public static String resolve(String image, String backing) {
    if (backing.contains("://") || backing.startsWith("json:")) {
      throw new IllegalArgumentException(
          "backing file '" + printable(backing) + "' is not a file name");
    }
    String problem = problem(backing);
    if (problem != null || backing.isEmpty()) {
      throw new IllegalArgumentException(
          "backing file '"
              + printable(backing)
              + "' "
              + (problem == null ? "is empty" : problem)
              + ": only names relative to the image's folder, inside it, are followed"
              + " (qemu-img rebase -u -b NAME fixes an image)");
    }
    return join(parent(image), backing);
  }

  /**
   * The name to write into the header of {@code image} so that it finds {@code backing}: a path
   * relative to the image's folder.
   *
   * @throws IllegalArgumentException if the backing file is not in that folder or below it
   */
  public static String relative(String image, String backing) {
    String folder = parent(image);
    check(backing);
    if (folder.isEmpty()) {
      return backing;
    }
    if (!backing.startsWith(folder + "/")) {
      throw new IllegalArgumentException(
          "backing file '"
              + backing
              + "' must be in the folder of '"
              + image
              + "' or below it, so that the chain stays inside its repository");
    }
    return backing.substring(folder.length() + 1);
  }

  /** Segments of a name (none for the root). */
  public static List<String> segments(String name) {
    return check(name).isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(name.split("/")));
  }

  private static String printable(String text) {
    return text == null ? "null" : text.replaceAll("\\p{Cntrl}", "?");
  }
}
