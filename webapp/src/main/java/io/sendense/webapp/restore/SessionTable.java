package io.sendense.webapp.restore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open restore sessions by id, with their idle expiry. Plain Java with an injectable clock so
 * that expiry is tested without waiting; {@link RestoreSessions} is the CDI face of it.
 */
final class SessionTable {
  private final Map<String, RestoreSession> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration idle;

  SessionTable(Clock clock, Duration idle) {
    this.clock = clock;
    this.idle = idle;
  }

  Instant now() {
    return clock.instant();
  }

  Duration idle() {
    return idle;
  }

  void add(RestoreSession session) {
    sessions.put(session.id(), session);
  }

  /**
   * Adds the session unless its owner already has {@code max} open; the count and the add are one
   * step, so requests racing each other cannot open more than {@code max} between them.
   */
  synchronized boolean addWithin(RestoreSession session, int max) {
    if (countOf(session.owner()) >= max) {
      return false;
    }
    sessions.put(session.id(), session);
    return true;
  }

  /** The session if it exists and belongs to {@code user}; using it counts as activity. */
  Optional<RestoreSession> use(String id, String user) {
    RestoreSession session = id == null ? null : sessions.get(id);
    if (session == null || !session.owner().equals(user)) {
      return Optional.empty();
    }
    session.touch(now());
    return Optional.of(session);
  }

  int size() {
    return sessions.size();
  }

  List<RestoreSession> of(String user) {
    return sessions.values().stream()
        .filter(s -> s.owner().equals(user))
        .sorted(Comparator.comparing(RestoreSession::openedAt))
        .toList();
  }

  long countOf(String user) {
    return sessions.values().stream().filter(s -> s.owner().equals(user)).count();
  }

  boolean remove(String id, String user) {
    RestoreSession session = sessions.get(id);
    if (session == null || !session.owner().equals(user) || !sessions.remove(id, session)) {
      return false;
    }
    session.retire();
    return true;
  }

  /** Closes the sessions nobody used for the idle time (downloads in progress count as use). */
  List<RestoreSession> expire() {
    Instant cutoff = now().minus(idle);
    List<RestoreSession> expired = new ArrayList<>();
    for (RestoreSession session : sessions.values()) {
      if (session.idleSince(cutoff) && sessions.remove(session.id(), session)) {
        session.retire();
        expired.add(session);
      }
    }
    return expired;
  }

  /** The backups that open sessions read. */
  java.util.Set<Long> openBackups() {
    return sessions.values().stream()
        .map(s -> s.target().backupId())
        .collect(java.util.stream.Collectors.toSet());
  }

  boolean holds(long backupId) {
    return sessions.values().stream().anyMatch(s -> s.target().backupId() == backupId);
  }

  /** When the session expires if nobody uses it. */
  Instant expiresAt(RestoreSession session) {
    return session.lastUsed().plus(idle);
  }

  void closeAll() {
    for (RestoreSession session : sessions.values()) {
      sessions.remove(session.id());
      session.closeNow();
    }
  }
}
