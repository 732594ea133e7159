package io.sendense.webapp.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sendense.persistence.notification.NotificationChannel.Kind;
import io.sendense.persistence.notification.NotificationEvent;
import io.sendense.persistence.notification.OutboxMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationTickTest {
  private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");
  private static final RetryPolicy POLICY =
      new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(4), 4);
  private static final Sender.Channel HOOK =
      new Sender.Channel(
          1, "hook", new ChannelSettings(Kind.WEBHOOK, Map.of("url", "http://x/")), "key");

  /** An outbox in memory with the catalog's claim rule: due and unleased, or lease run out. */
  static final class MemoryOutbox implements NotificationTick.Outbox {
    final Map<Long, OutboxMessage> rows = new LinkedHashMap<>();
    final Map<Long, String> claimedBy = new LinkedHashMap<>();
    final Map<Long, Instant> lease = new LinkedHashMap<>();
    final List<String> log = new ArrayList<>();
    Optional<Sender.Channel> channel = Optional.of(HOOK);

    void add(long id) {
      rows.put(
          id,
          new OutboxMessage(
              id,
              1,
              NotificationEvent.FAILURE,
              "k" + id,
              "s",
              "t",
              "{}",
              "PENDING",
              0,
              T0,
              null,
              T0,
              null));
    }

    private boolean due(OutboxMessage m, Instant now) {
      return m.status().equals("PENDING") && !m.nextAttemptAt().isAfter(now)
          || m.status().equals("SENDING") && lease.get(m.id()).isBefore(now);
    }

    @Override
    public List<Long> due(Instant now, int limit) {
      return rows.values().stream().filter(m -> due(m, now)).map(OutboxMessage::id).toList();
    }

    @Override
    public synchronized boolean claim(long id, String hub, Instant now, Instant leaseUntil) {
      OutboxMessage m = rows.get(id);
      if (!due(m, now)) {
        return false;
      }
      rows.put(id, with(m, "SENDING", m.attempts() + 1, m.nextAttemptAt(), m.lastError()));
      claimedBy.put(id, hub);
      lease.put(id, leaseUntil);
      return true;
    }

    @Override
    public Optional<NotificationTick.Claimed> open(long id) {
      return Optional.of(new NotificationTick.Claimed(rows.get(id), channel));
    }

    @Override
    public void finish(
        long id, String hub, String status, Instant next, String error, Instant now) {
      OutboxMessage m = rows.get(id);
      if (m.status().equals("SENDING") && hub.equals(claimedBy.get(id))) {
        rows.put(id, with(m, status, m.attempts(), next == null ? m.nextAttemptAt() : next, error));
      }
    }

    @Override
    public void log(
        long channelId,
        Long outboxId,
        NotificationEvent event,
        int attempt,
        String outcome,
        String detail,
        String hub,
        long durationMs) {
      log.add(outboxId + "#" + attempt + " " + outcome + " by " + hub);
    }

    private static OutboxMessage with(
        OutboxMessage m, String status, int attempts, Instant next, String error) {
      return new OutboxMessage(
          m.id(),
          m.channelId(),
          m.event(),
          m.dedupeKey(),
          m.subject(),
          m.bodyText(),
          m.payloadJson(),
          status,
          attempts,
          next,
          error,
          m.createdAt(),
          null);
    }
  }

  /** A receiver that fails the first {@code failures} sends, then accepts. */
  static final class Flaky implements Sender {
    int failures;
    final List<Long> sent = new ArrayList<>();

    Flaky(int failures) {
      this.failures = failures;
    }

    @Override
    public String send(Channel channel, Message message) throws DeliveryFailure {
      if (failures-- > 0) {
        throw new DeliveryFailure("HTTP 503", true, null);
      }
      sent.add(message.id());
      return "HTTP 204";
    }
  }

  private static NotificationTick tick(MemoryOutbox outbox, Sender sender, Instant at, String hub) {
    return new NotificationTick(
        outbox, kind -> sender, POLICY, Clock.fixed(at, ZoneOffset.UTC), hub);
  }

  @Test
  void aFailingDeliveryIsRetriedWithDoublingWaitsThenSentOnce() {
    MemoryOutbox outbox = new MemoryOutbox();
    outbox.add(1);
    Flaky receiver = new Flaky(2);
    assertEquals(0, tick(outbox, receiver, T0, "a").run());
    assertEquals(T0.plusSeconds(30), outbox.rows.get(1L).nextAttemptAt());
    assertEquals(0, tick(outbox, receiver, T0.plusSeconds(29), "a").run(), "not due yet");
    assertEquals(0, tick(outbox, receiver, T0.plusSeconds(30), "a").run());
    assertEquals(T0.plusSeconds(90), outbox.rows.get(1L).nextAttemptAt(), "waits 60 s now");
    assertEquals(1, tick(outbox, receiver, T0.plusSeconds(90), "a").run());
    assertEquals(0, tick(outbox, receiver, T0.plusSeconds(3600), "a").run(), "never again");
    assertEquals(List.of(1L), receiver.sent);
    assertEquals("SENT", outbox.rows.get(1L).status());
    assertEquals(List.of("1#1 FAILED by a", "1#2 FAILED by a", "1#3 SENT by a"), outbox.log);
  }

  @Test
  void theTickGivesUpAfterThePolicysAttemptsAndSaysSo() {
    MemoryOutbox outbox = new MemoryOutbox();
    outbox.add(1);
    Flaky receiver = new Flaky(100);
    Instant at = T0;
    for (int i = 0; i < 10; i++) {
      tick(outbox, receiver, at, "a").run();
      at = at.plus(Duration.ofMinutes(5));
    }
    OutboxMessage m = outbox.rows.get(1L);
    assertEquals("FAILED", m.status());
    assertEquals(4, m.attempts());
    assertEquals("HTTP 503 (gave up)", m.lastError());
  }

  @Test
  void aRefusedLoginIsNotRetried() {
    MemoryOutbox outbox = new MemoryOutbox();
    outbox.add(1);
    Sender refusing =
        (c, m) -> {
          throw new DeliveryFailure("535 authentication failed", false, null);
        };
    tick(outbox, refusing, T0, "a").run();
    assertEquals("FAILED", outbox.rows.get(1L).status());
    assertEquals(List.of(), outbox.due(T0.plusSeconds(3600), 50));
  }

  @Test
  void twoHubsTickingAtOnceSendEachMessageOnce() {
    MemoryOutbox outbox = new MemoryOutbox();
    for (long id = 1; id <= 5; id++) {
      outbox.add(id);
    }
    Flaky receiver = new Flaky(0);
    // Hub b lists the same due messages as hub a, but a claims them first.
    List<Long> seenByB = outbox.due(T0, 50);
    int a = tick(outbox, receiver, T0, "a").run();
    int b = 0;
    for (long id : seenByB) {
      b += outbox.claim(id, "b", T0, T0.plusSeconds(120)) ? 1 : 0;
    }
    assertEquals(5, a);
    assertEquals(0, b);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), receiver.sent);
  }

  @Test
  void aMessageOfADisabledChannelFailsWithoutBeingSent() {
    MemoryOutbox outbox = new MemoryOutbox();
    outbox.add(1);
    outbox.channel = Optional.empty();
    Flaky receiver = new Flaky(0);
    tick(outbox, receiver, T0, "a").run();
    assertEquals(List.of(), receiver.sent);
    assertEquals("FAILED", outbox.rows.get(1L).status());
  }

  @Test
  void backoffDoublesUpToTheMaximumThenStops() {
    assertEquals(T0.plusSeconds(30), POLICY.next(1, T0));
    assertEquals(T0.plusSeconds(60), POLICY.next(2, T0));
    assertEquals(T0.plusSeconds(120), POLICY.next(3, T0));
    assertNull(POLICY.next(4, T0));
    RetryPolicy capped = new RetryPolicy(Duration.ofSeconds(30), Duration.ofSeconds(100), 9);
    assertEquals(T0.plusSeconds(100), capped.next(5, T0));
  }
}
