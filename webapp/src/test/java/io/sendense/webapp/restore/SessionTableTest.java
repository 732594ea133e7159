package io.sendense.webapp.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionTableTest {
  private Instant now = Instant.parse("2026-05-01T10:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final SessionTable table = new SessionTable(clock, Duration.ofMinutes(60));
  private final AtomicInteger closed = new AtomicInteger();

  private RestoreSession session(String id, String owner, long backupId) {
    RestoreSession s =
        new RestoreSession(
            id,
            owner,
            new RestoreSession.Target(backupId, "vm", now, 0),
            null,
            closed::incrementAndGet,
            now);
    table.add(s);
    return s;
  }

  @Test
  void aSessionExpiresAfterTheIdleTimeAndUseKeepsItOpen() {
    session("a", "alice", 1);
    session("b", "alice", 2);
    now = now.plus(Duration.ofMinutes(50));
    assertTrue(table.use("a", "alice").isPresent());
    now = now.plus(Duration.ofMinutes(11));
    List<RestoreSession> expired = table.expire();
    assertEquals(List.of("b"), expired.stream().map(RestoreSession::id).toList());
    assertEquals(1, closed.get());
    assertTrue(expired.get(0).isClosed());
    assertFalse(table.holds(2));
    assertTrue(table.holds(1));
    assertEquals(Instant.parse("2026-05-01T11:50:00Z"), table.expiresAt(table.of("alice").get(0)));
    now = now.plus(Duration.ofMinutes(50));
    assertEquals(1, table.expire().size());
    assertEquals(List.of(), table.of("alice"));
  }

  @Test
  void aRunningDownloadKeepsItsSessionOpenUntilItEnds() {
    RestoreSession s = session("a", "alice", 1);
    s.beginDownload();
    now = now.plus(Duration.ofHours(3));
    assertEquals(List.of(), table.expire(), "a long download is not cut");
    assertTrue(table.remove("a", "alice"));
    assertFalse(s.isClosed(), "closing waits for the download");
    s.endDownload(now);
    assertTrue(s.isClosed());
    assertEquals(1, closed.get());
  }

  @Test
  void sessionsBelongToTheirOwner() {
    session("a", "alice", 1);
    assertTrue(table.use("a", "bob").isEmpty());
    assertFalse(table.remove("a", "bob"));
    assertEquals(List.of(), table.of("bob"));
    assertEquals(1, table.countOf("alice"));
    table.closeAll();
    assertEquals(1, closed.get());
    assertTrue(table.use("a", "alice").isEmpty());
  }

  @Test
  void racingOpensNeverExceedTheCapPerUser() throws Exception {
    int threads = 8;
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    AtomicInteger added = new AtomicInteger();
    List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < 10; i++) {
                  RestoreSession s =
                      new RestoreSession(
                          thread + "-" + i,
                          "ann",
                          new RestoreSession.Target(1, "vm", now, 0),
                          null,
                          closed::incrementAndGet,
                          now);
                  if (table.addWithin(s, 20)) {
                    added.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    go.countDown();
    for (var f : done) {
      f.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(20, added.get());
    assertEquals(20, table.countOf("ann"));
    RestoreSession other =
        new RestoreSession(
            "bob-1", "bob", new RestoreSession.Target(1, "vm", now, 0), null, () -> {}, now);
    assertTrue(table.addWithin(other, 20), "another user's cap is their own");
  }
}
