package io.sendense.webapp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionGrantTest {
  private final Instant start = Instant.parse("2026-11-27T10:00:00Z");
  private final UserState otto =
      new UserState(7, "otto", true, Set.of("operator", "viewer"), "hash-1", false);
  private final SessionGrant grant = new SessionGrant("otto", otto.stamp(), start);
  private final Duration lifetime = Duration.ofHours(12);

  @Test
  void aSessionStandsWithTheUsersCurrentRoles() {
    UserState promoted =
        new UserState(7, "otto", true, Set.of("admin", "operator", "viewer"), "hash-1", false);
    assertEquals(
        Optional.of(promoted), grant.check(Optional.of(promoted), start.plusSeconds(60), lifetime));
  }

  @Test
  void aChangedPasswordEndsTheSession() {
    UserState changed = new UserState(7, "otto", true, otto.roles(), "hash-2", false);
    assertEquals(Optional.empty(), grant.check(Optional.of(changed), start, lifetime));
  }

  @Test
  void aDisabledOrDeletedUserEndsTheSession() {
    UserState disabled = new UserState(7, "otto", false, otto.roles(), "hash-1", false);
    assertEquals(Optional.empty(), grant.check(Optional.of(disabled), start, lifetime));
    assertEquals(Optional.empty(), grant.check(Optional.empty(), start, lifetime));
  }

  @Test
  void noSessionOutlivesTheAbsoluteLifetime() {
    assertEquals(Optional.of(otto), grant.check(Optional.of(otto), start.plus(lifetime), lifetime));
    assertEquals(
        Optional.empty(),
        grant.check(Optional.of(otto), start.plus(lifetime).plusMillis(1), lifetime));
  }
}
