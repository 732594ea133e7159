package io.sendense.batch.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.batch.restore.port.RestorePhase;
import io.sendense.batch.restore.port.RestoreProgress;
import io.sendense.batch.restore.port.RestoreRequest;
import io.sendense.plugin.api.source.VmPlacement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreProgressTrackerTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");

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

  @Test
  void pushesPhaseChangesAlwaysAndBytesAtMostEveryIntervalWithRateAndEta() {
    List<RestoreProgress> pushed = new ArrayList<>();
    RestoreProgressTracker t =
        new RestoreProgressTracker(7, pushed::add, clock, Duration.ofSeconds(2));
    t.start(100L << 20, 20L << 20);
    t.phase(RestorePhase.UPLOAD);
    now = now.plusMillis(500);
    t.advance(10L << 20);
    assertEquals(1, pushed.size(), "no push within the interval");
    now = now.plusMillis(1500);
    t.advance(10L << 20);
    RestoreProgress p = pushed.get(pushed.size() - 1);
    assertEquals(40L << 20, p.bytesDone(), "earlier executions' disks count as done");
    assertEquals(10L << 20, p.rateBps(), "20 MiB in 2 s, counted from this execution's start");
    assertEquals(6L, p.etaSeconds());
    t.retract(10L << 20);
    t.phase(RestorePhase.FAILED);
    assertEquals(30L << 20, pushed.get(pushed.size() - 1).bytesDone());
    assertEquals(RestorePhase.FAILED, pushed.get(pushed.size() - 1).phase());
  }

  @Test
  void aSinkThatThrowsNeverFailsTheRestore() {
    RestoreProgressTracker t =
        new RestoreProgressTracker(
            7,
            p -> {
              throw new IllegalStateException("catalog down");
            },
            clock,
            Duration.ZERO);
    t.phase(RestorePhase.UPLOAD);
    t.advance(5);
    assertEquals(5, t.done());
  }

  @Test
  void aReplacingRestoreBuildsUnderANameThatFitsEighty() {
    RestoreRequest r =
        new RestoreRequest(
            12345,
            1,
            1,
            "x".repeat(78),
            VmPlacement.UNKNOWN,
            Map.of(),
            null,
            false,
            "vm-1",
            false,
            List.of(),
            null);
    String name = RestoreSpecs.temporaryName(r);
    assertEquals(80, name.length());
    assertEquals("x".repeat(64) + "-restoring-12345", name);
  }
}
