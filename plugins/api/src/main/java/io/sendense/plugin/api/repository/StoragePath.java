package io.sendense.plugin.api.repository;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A validated path inside a repository, relative to the repository's root.
 *
 * <p>Every path a plugin receives has gone through {@link #of(String)}, which refuses anything that
 * could leave the repository or confuse a remote server: absolute paths, {@code ..} and {@code .}
 * segments, empty segments, back slashes, control characters and NUL. Segments are joined with
 * {@code /}. The root itself is {@link #ROOT} (the empty path).
 *
 * @param segments the names from the root down; never empty strings
 */
public record StoragePath(List<String> segments) {

  /** The repository root. */
  public static final StoragePath ROOT = new StoragePath(List.of());

  private static final int MAX_SEGMENT_LENGTH = 255;

  public StoragePath {
    segments = List.copyOf(segments);
    segments.forEach(StoragePath::checkSegment);
  }

  /**
   * Parses a relative path such as {@code "vm-42/disk-0/full-2026-01-01.qcow2"}.
   *
   * @throws IllegalArgumentException saying what is wrong with the path
   */
  public static StoragePath of(String path) {
    if (path.isEmpty()) {
      return ROOT;
    }
    if (path.startsWith("/")) {
      throw new IllegalArgumentException(
          "Repository path '" + printable(path) + "' must be relative, not start with '/'");
    }
    return new StoragePath(Arrays.asList(path.split("/", -1)));
  }

  private static void checkSegment(String segment) {
    String problem = null;
    if (segment.isEmpty()) {
      problem = "has an empty segment (double or trailing '/')";
    } else if (segment.equals(".") || segment.equals("..")) {
      problem = "must not contain '" + segment + "' segments";
    } else if (segment.length() > MAX_SEGMENT_LENGTH) {
      problem = "has a name longer than " + MAX_SEGMENT_LENGTH + " characters";
    } else if (segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\' || c == '/')) {
      problem = "must not contain NUL, control characters or '\\'";
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "Repository path segment '" + printable(segment) + "' " + problem);
    }
  }

  private static String printable(String text) {
    return text.replaceAll("\\p{Cntrl}", "?");
  }

  /** Whether this is the repository root. */
  public boolean isRoot() {
    return segments.isEmpty();
  }

  /** The last segment; the root has none. */
  public String fileName() {
    if (isRoot()) {
      throw new IllegalStateException("The repository root has no file name");
    }
    return segments.get(segments.size() - 1);
  }

  /** The enclosing folder, empty for the root. */
  public Optional<StoragePath> parent() {
    return isRoot()
        ? Optional.empty()
        : Optional.of(new StoragePath(segments.subList(0, segments.size() - 1)));
  }

  /** This path with a relative path appended, validated like {@link #of(String)}. */
  public StoragePath resolve(String relative) {
    List<String> joined = new ArrayList<>(segments);
    joined.addAll(StoragePath.of(relative).segments());
    return new StoragePath(joined);
  }

  /** The path joined with {@code /}, without leading slash; empty for the root. */
  @Override
  public String toString() {
    return String.join("/", segments);
  }
}
