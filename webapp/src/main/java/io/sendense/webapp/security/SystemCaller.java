package io.sendense.webapp.security;

import java.util.function.Supplier;

/**
 * Runs work of the hub itself (first-start defaults, schedulers) past {@link RequiresRole} checks,
 * on the current thread only. Never used for anything a request asked for.
 */
public final class SystemCaller {
  private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

  private SystemCaller() {}

  public static <T> T run(Supplier<T> work) {
    boolean outer = ACTIVE.get();
    ACTIVE.set(true);
    try {
      return work.get();
    } finally {
      ACTIVE.set(outer);
    }
  }

  static boolean active() {
    return ACTIVE.get();
  }
}
