package io.sendense.webapp.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one push per channel per interval: a change right after a push waits for the rest of the
 * interval, and all changes of that wait go out as one push. Plain class, so it is tested without a
 * container.
 */
final class PushThrottle {
  private final long intervalMillis;
  private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
  private final Map<String, Boolean> due = new ConcurrentHashMap<>();

  PushThrottle(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  /**
   * A change on {@code channel} at {@code now}: the delay after which its push must go out, or -1
   * when a push of the channel is due already and carries this change too.
   */
  long changed(String channel, long now) {
    if (due.putIfAbsent(channel, Boolean.TRUE) != null) {
      return -1;
    }
    Long last = lastSent.get(channel);
    return last == null ? 0 : Math.max(0, last + intervalMillis - now);
  }

  /**
   * The channel's push goes out at {@code now}: later changes need a new push. Call it before
   * sending, so a change during the send is not lost.
   */
  void sending(String channel, long now) {
    lastSent.put(channel, now);
    due.remove(channel);
  }
}
