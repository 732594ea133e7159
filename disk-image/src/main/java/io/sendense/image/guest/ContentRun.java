package io.sendense.image.guest;

/**
 * A stretch of a file's content: {@code units} allocation units starting at logical unit {@code
 * logical}, stored contiguously at {@code deviceOffset}, or a hole (reads as zeros) when {@code
 * deviceOffset} is negative.
 */
public record ContentRun(long logical, long deviceOffset, long units) {
  public static ContentRun hole(long logical, long units) {
    return new ContentRun(logical, -1, units);
  }

  public boolean isHole() {
    return deviceOffset < 0;
  }
}
