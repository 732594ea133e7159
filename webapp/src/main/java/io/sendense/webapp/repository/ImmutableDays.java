package io.sendense.webapp.repository;

import io.sendense.webapp.common.Refusal;

/**
 * A repository's "points are immutable for N days" setting, checked. It belongs to the repository
 * (the immutability rules read it, and the repository package does not depend on them).
 */
public final class ImmutableDays {
  /** The longest lock the hub accepts: ten years. */
  public static final int MAX = 3650;

  private ImmutableDays() {}

  /** The days asked for, 0 (off) when none; refused with 400 outside 0..{@value #MAX}. */
  public static int checked(Integer requested) {
    if (requested == null) {
      return 0;
    }
    if (requested < 0 || requested > MAX) {
      throw new Refusal(
          400, "immutableDays must be between 0 (off) and " + MAX + ", not " + requested);
    }
    return requested;
  }
}
