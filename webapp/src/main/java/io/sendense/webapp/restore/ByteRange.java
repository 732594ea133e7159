package io.sendense.webapp.restore;

import java.util.Locale;
import java.util.Optional;

/**
 * The one byte range of an HTTP {@code Range} header (RFC 9110, section 14) that resumed downloads
 * send. A header the server may ignore (absent, another unit, several ranges, bad syntax) means the
 * whole file; a range that starts past the end is not satisfiable (416).
 *
 * @param first first byte, inclusive
 * @param last last byte, inclusive
 */
public record ByteRange(long first, long last) {
  /** A syntactically valid range that lies wholly outside the file: answer 416. */
  public static final class Unsatisfiable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsatisfiable(String message) {
      super(message);
    }
  }

  public long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} value of a 206 answer. */
  public String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /**
   * The range asked for, clipped to {@code size}; empty when the whole content should be sent.
   *
   * @throws Unsatisfiable when no byte of the range lies inside the content
   */
  public static Optional<ByteRange> parse(String header, long size) {
    if (header == null) {
      return Optional.empty();
    }
    String value = header.strip();
    if (!value.toLowerCase(Locale.ROOT).startsWith("bytes=") || value.indexOf(',') >= 0) {
      return Optional.empty();
    }
    String spec = value.substring(6).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    Long from = number(spec.substring(0, dash).strip());
    Long to = number(spec.substring(dash + 1).strip());
    if ((from == null && to == null) || INVALID.equals(from) || INVALID.equals(to)) {
      return Optional.empty();
    }
    if (from == null) {
      return suffix(to, size);
    }
    if (to != null && to < from) {
      return Optional.empty();
    }
    if (from >= size) {
      throw new Unsatisfiable("The range starts at byte " + from + " of a " + size + "-byte file");
    }
    return Optional.of(new ByteRange(from, to == null ? size - 1 : Math.min(to, size - 1)));
  }

  private static Optional<ByteRange> suffix(long count, long size) {
    if (count == 0 || size == 0) {
      throw new Unsatisfiable("The range asks for the last " + count + " of " + size + " bytes");
    }
    return Optional.of(new ByteRange(Math.max(0, size - count), size - 1));
  }

  private static final Long INVALID = -1L;

  /**
   * A non-negative decimal; null when empty; {@link #INVALID} when not digits; {@link
   * Long#MAX_VALUE} when too large to hold.
   */
  private static Long number(String digits) {
    if (digits.isEmpty()) {
      return null;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return INVALID;
      }
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
