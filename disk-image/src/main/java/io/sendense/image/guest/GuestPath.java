package io.sendense.image.guest;

import java.util.List;

/**
 * A path inside one guest file system, relative to its root: segments separated by {@code /}, the
 * root being the empty path. Parsing refuses what could escape or confuse the file system: {@code
 * ..}, {@code .}, empty segments, a leading {@code /}, NUL bytes and backslashes.
 */
public record GuestPath(List<String> segments) {
  public static final GuestPath ROOT = new GuestPath(List.of());

  public GuestPath {
    segments = List.copyOf(segments);
  }

  /** Parses a relative path; {@code ""} is the root. */
  public static GuestPath parse(String path) {
    if (path == null || path.isEmpty()) {
      return ROOT;
    }
    if (path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("A path must not contain NUL bytes");
    }
    if (path.indexOf('\\') >= 0) {
      throw new IllegalArgumentException(
          "Use '/' between folders; '\\' is not allowed in a path: " + path);
    }
    if (path.startsWith("/")) {
      throw new IllegalArgumentException(
          "Give the path relative to the partition root, without a leading '/': " + path);
    }
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    List<String> parts = List.of(trimmed.split("/", -1));
    for (String part : parts) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException(
            "A path must not contain empty, '.' or '..' segments: " + path);
      }
    }
    return new GuestPath(parts);
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  /** The last segment, or {@code ""} for the root. */
  public String name() {
    return isRoot() ? "" : segments.get(segments.size() - 1);
  }

  public GuestPath parent() {
    return isRoot() ? this : new GuestPath(segments.subList(0, segments.size() - 1));
  }

  public GuestPath child(String name) {
    return new GuestPath(
        java.util.stream.Stream.concat(segments.stream(), java.util.stream.Stream.of(name))
            .toList());
  }

  @Override
  public String toString() {
    return String.join("/", segments);
  }
}
