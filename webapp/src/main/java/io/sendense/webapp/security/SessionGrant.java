package io.sendense.webapp.security;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a page session holds after a form login: who logged in, the user's {@link UserState#stamp()
 * stamp} at that time, and when. A session is honoured only while the user is enabled, the password
 * is unchanged and the session is younger than the absolute lifetime (the pages poll, so an idle
 * timeout alone would never end an open tab's session).
 */
public record SessionGrant(String username, String stamp, Instant startedAt)
    implements Serializable {
  /** The session attribute that holds the grant. */
  public static final String ATTRIBUTE = "sendense.grant";

  /** The user's current state if this session still stands for them, else empty. */
  public Optional<UserState> check(Optional<UserState> current, Instant now, Duration lifetime) {
    if (now.isAfter(startedAt.plus(lifetime))) {
      return Optional.empty();
    }
    return current.filter(UserState::enabled).filter(u -> u.stamp().equals(stamp));
  }
}
