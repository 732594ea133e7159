package io.sendense.persistence.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two hubs draining one outbox on a real MariaDB: every message is claimed by exactly one. */
@ExtendWith(MariaDbExtension.class)
class NotificationOutboxIT {
  private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
  private Catalog hubA;
  private Catalog hubB;
  private long channelId;

  @BeforeEach
  void setUp(TestDatabase db) {
    TestDatabase.Schema schema = db.newSchema();
    hubA = new Catalog(schema);
    hubB = new Catalog(schema);
    channelId =
        hubA.inTx(
            em -> {
              NotificationChannel c = new NotificationChannel();
              c.setName("ops mail");
              c.setKind(NotificationChannel.Kind.EMAIL);
              return new NotificationStore(em).save(c).getId();
            });
  }

  @AfterEach
  void tearDown() {
    hubA.close();
    hubB.close();
  }

  private static boolean ok(Catalog hub, Function<NotificationStore, Boolean> work) {
    return hub.inTx(em -> work.apply(new NotificationStore(em)));
  }

  private boolean enqueue(Catalog hub, String key) {
    return hub.inTx(
        em ->
            new NotificationStore(em)
                .enqueue(channelId, NotificationEvent.FAILURE, key, "s", "t", "{}", NOW));
  }

  /** What one hub's tick does with the catalog: claim each due message, then mark it sent. */
  private static int drain(Catalog hub, String name, Instant now) {
    List<Long> due = hub.inTx(em -> new NotificationStore(em).due(now, 100));
    int won = 0;
    for (long id : due) {
      if (hub.inTx(em -> new NotificationStore(em).claim(id, name, now, now.plusSeconds(120)))) {
        hub.inTx(
            em -> new NotificationStore(em).finish(id, name, OutboxMessage.SENT, null, null, now));
        won++;
      }
    }
    return won;
  }

  @Test
  void twoHubsDrainingTogetherSendEveryMessageExactlyOnce() throws Exception {
    for (int i = 0; i < 40; i++) {
      assertTrue(enqueue(hubA, "run:" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier together = new CyclicBarrier(2);
      List<Future<Integer>> drains = new ArrayList<>();
      for (Catalog hub : List.of(hubA, hubB)) {
        String name = hub == hubA ? "hub-a" : "hub-b";
        drains.add(
            pool.submit(
                () -> {
                  together.await();
                  return drain(hub, name, NOW);
                }));
      }
      assertEquals(40, drains.get(0).get() + drains.get(1).get(), "each message won once");
    } finally {
      pool.shutdownNow();
    }
    List<OutboxMessage> all = hubA.inTx(em -> new NotificationStore(em).recentMessages(null, 100));
    assertEquals(40, all.size());
    assertTrue(
        all.stream().allMatch(m -> m.status().equals("SENT") && m.attempts() == 1), "" + all);
  }

  @Test
  void theSameHappeningIsQueuedOncePerChannel() {
    assertTrue(enqueue(hubA, "flow-run:7"));
    assertFalse(enqueue(hubB, "flow-run:7"), "a second hub reporting it queues nothing");
    assertEquals(
        1, hubA.inTx(em -> new NotificationStore(em).recentMessages(channelId, 10)).size());
  }

  @Test
  void aRetryIsNotDueBeforeItsTimeAndAnExpiredLeaseIsClaimedAgain() {
    enqueue(hubA, "k");
    long id = hubA.inTx(em -> new NotificationStore(em).due(NOW, 10)).get(0);
    assertTrue(ok(hubA, st -> st.claim(id, "a", NOW, NOW.plusSeconds(60))));
    assertFalse(
        ok(hubB, st -> st.claim(id, "b", NOW, NOW.plusSeconds(60))),
        "claimed and leased: not due for another hub");
    Instant next = NOW.plusSeconds(30);
    assertTrue(ok(hubA, st -> st.finish(id, "a", "PENDING", next, "HTTP 500", NOW)));
    assertEquals(
        List.of(), hubB.inTx(em -> new NotificationStore(em).due(NOW.plusSeconds(29), 10)));
    assertEquals(
        List.of(id), hubB.inTx(em -> new NotificationStore(em).due(NOW.plusSeconds(30), 10)));
    Instant later = NOW.plusSeconds(30);
    assertTrue(ok(hubB, st -> st.claim(id, "b", later, later.plusSeconds(60))));
    assertFalse(
        ok(hubA, st -> st.finish(id, "a", "SENT", null, null, later)),
        "a hub that lost its claim cannot end the message");
    Instant expired = later.plusSeconds(61);
    assertTrue(
        ok(hubA, st -> st.claim(id, "a", expired, expired.plusSeconds(60))),
        "a hub that died while sending leaves a lease that runs out");
    OutboxMessage m = hubA.inTx(em -> new NotificationStore(em).message(id)).orElseThrow();
    assertEquals(3, m.attempts());
    assertEquals("HTTP 500", m.lastError());
  }
}
