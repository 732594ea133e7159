package io.sendense.webapp.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.persistence.flow.TriggerKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class SchedulerTickTest {
  private static final Instant PLANNED = Instant.parse("2026-03-29T00:00:00Z");

  /** The catalog of one flow, shared by every hub in a test; claims compare and set. */
  static final class OneFlow implements SchedulerTick.Catalog {
    final Map<Long, Instant> next = new ConcurrentHashMap<>(Map.of(1L, PLANNED));
    final List<TriggerKind> started = new ArrayList<>();
    final List<Instant> missed = new ArrayList<>();
    final String cron;

    OneFlow(String cron) {
      this.cron = cron;
    }

    @Override
    public List<SchedulerTick.DueFlow> due(Instant now) {
      Instant at = next.get(1L);
      return at != null && !at.isAfter(now)
          ? List.of(new SchedulerTick.DueFlow(1L, at, cron, "Europe/Berlin"))
          : List.of();
    }

    /** How many of the next claimAndStart calls fail as an unopenable execution would. */
    int openFailures;

    /** How many of the next claim calls of any kind fail as an unreachable catalog would. */
    int catalogFailures;

    final List<String> notStarted = new ArrayList<>();

    /** The compare and set of every claim; throws like a catalog that cannot be written. */
    private boolean claim(long flowId, Instant expected, Instant nextRun) {
      if (catalogFailures > 0) {
        catalogFailures--;
        throw new IllegalStateException("catalog unreachable");
      }
      if (!Objects.equals(next.get(flowId), expected)) {
        return false;
      }
      next.put(flowId, nextRun);
      return true;
    }

    @Override
    public synchronized boolean claimAndStart(
        long flowId, Instant expected, Instant nextRun, TriggerKind trigger) {
      if (openFailures > 0) {
        // The claim and the opening share a transaction: a failed opening claims nothing.
        openFailures--;
        throw new IllegalStateException("no repository with id 7");
      }
      if (!claim(flowId, expected, nextRun)) {
        return false;
      }
      started.add(trigger);
      return true;
    }

    @Override
    public synchronized boolean claimNotStarted(
        long flowId, Instant expected, Instant nextRun, TriggerKind trigger, String reason) {
      if (!claim(flowId, expected, nextRun)) {
        return false;
      }
      notStarted.add(trigger + ": " + reason);
      return true;
    }

    @Override
    public synchronized boolean claimMissed(
        long flowId, Instant expected, Instant nextRun, Instant plannedAt) {
      if (!claim(flowId, expected, nextRun)) {
        return false;
      }
      missed.add(plannedAt);
      return true;
    }
  }

  private static SchedulerTick hub(OneFlow catalog, Instant now, boolean catchUp) {
    return new SchedulerTick(
        new SchedulePlanner(
            Clock.fixed(now, ZoneOffset.UTC), SchedulePlanner.DEFAULT_GRACE, catchUp),
        catalog);
  }

  @Test
  void aDueFlowRunsOnceAndMovesToItsNextRun() {
    OneFlow catalog = new OneFlow("0 * * * *");
    Instant now = PLANNED.plusSeconds(20);
    assertEquals(1, hub(catalog, now, true).run(now));
    assertEquals(0, hub(catalog, now, true).run(now), "the same tick again starts nothing");
    assertEquals(List.of(TriggerKind.SCHEDULE), catalog.started);
    assertEquals(Instant.parse("2026-03-29T01:00:00Z"), catalog.next.get(1L));
  }

  @Test
  void runsMissedWhileTheHubWasDownAreMadeUpOnceAtStart() {
    OneFlow catalog = new OneFlow("0 * * * *");
    // Down for five and a half hours: five hourly runs missed.
    Instant startUp = PLANNED.plusSeconds(5 * 3600 + 1800);
    for (int tick = 0; tick < 3; tick++) {
      hub(catalog, startUp.plusSeconds(20L * tick), true).run(startUp.plusSeconds(20L * tick));
    }
    assertEquals(List.of(TriggerKind.CATCH_UP), catalog.started);
    assertEquals(Instant.parse("2026-03-29T06:00:00Z"), catalog.next.get(1L));
  }

  @Test
  void withCatchUpOffAMissedRunIsRecordedAndSkipped() {
    OneFlow catalog = new OneFlow("0 * * * *");
    Instant startUp = PLANNED.plusSeconds(3 * 3600 + 60);
    assertEquals(0, hub(catalog, startUp, false).run(startUp));
    assertEquals(List.of(PLANNED), catalog.missed);
    assertEquals(Instant.parse("2026-03-29T04:00:00Z"), catalog.next.get(1L));
  }

  @Test
  void twoHubsTickingTogetherStartTheRunOnce() throws Exception {
    OneFlow catalog = new OneFlow("*/5 * * * *");
    Instant now = PLANNED.plusSeconds(3);
    List<Thread> hubs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> hub(catalog, now, true).run(now));
      t.start();
      hubs.add(t);
    }
    for (Thread t : hubs) {
      t.join();
    }
    assertEquals(List.of(TriggerKind.SCHEDULE), catalog.started);
  }

  @Test
  void aRunThatCannotStartIsClaimedOnceAndRecordedWithTheReason() {
    OneFlow catalog = new OneFlow("0 * * * *");
    catalog.openFailures = 1;
    Instant now = PLANNED.plusSeconds(20);
    assertEquals(0, hub(catalog, now, true).run(now));
    assertEquals(0, hub(catalog, now.plusSeconds(20), true).run(now.plusSeconds(20)));
    assertEquals(List.of("SCHEDULE: no repository with id 7"), catalog.notStarted);
    assertEquals(List.of(), catalog.started, "not retried: the run is recorded as not started");
    assertEquals(Instant.parse("2026-03-29T01:00:00Z"), catalog.next.get(1L));
  }

  @Test
  void whenNothingCanBeWrittenTheRunStaysDueAndTheNextTickStartsIt() {
    OneFlow catalog = new OneFlow("0 * * * *");
    catalog.openFailures = 1;
    catalog.catalogFailures = 1;
    Instant now = PLANNED.plusSeconds(20);
    assertEquals(0, hub(catalog, now, true).run(now));
    assertEquals(PLANNED, catalog.next.get(1L), "still due");
    assertEquals(List.of(), catalog.notStarted);
    assertEquals(1, hub(catalog, now.plusSeconds(20), true).run(now.plusSeconds(20)));
    assertEquals(List.of(TriggerKind.SCHEDULE), catalog.started);
    assertEquals(Instant.parse("2026-03-29T01:00:00Z"), catalog.next.get(1L));
  }
}
