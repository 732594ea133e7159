package io.sendense.batch.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.BackupProgress;
import io.sendense.batch.port.DiskProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTrackerTest {
  private final List<BackupProgress> pushed = new ArrayList<>();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };

  @Test
  void pushesEveryPhaseChangeButThrottlesProgress() {
    ProgressTracker t = new ProgressTracker(7, "vm-1", pushed::add, clock, Duration.ofSeconds(3));
    t.phase(BackupPhase.TRANSFER);
    t.diskTotal(1, 10_000);
    t.diskTotal(2, 30_000);
    now = now.plusSeconds(1);
    t.advance(1, 100);
    t.advance(2, 100);
    assertEquals(1, pushed.size());
    now = now.plusSeconds(2);
    t.advance(1, 200);
    assertEquals(2, pushed.size());
    BackupProgress p = pushed.get(1);
    assertEquals(400, p.bytesDone());
    assertEquals(40_000, p.bytesTotal());
    assertEquals(400 / 3.0, p.bytesPerSecond(), 1e-9);
    assertEquals(Duration.ofSeconds(297), p.eta());
    assertEquals(
        List.of(new DiskProgress(1, 300, 10_000), new DiskProgress(2, 100, 30_000)), p.disks());
    t.phase(BackupPhase.FINALIZE);
    assertEquals(3, pushed.size());
    assertEquals(BackupPhase.FINALIZE, pushed.get(2).phase());
  }

  @Test
  void pushesWheneverADiskPassesAnotherTenthWithinTheInterval() {
    ProgressTracker t = new ProgressTracker(7, "vm-1", pushed::add, clock, Duration.ofSeconds(3));
    t.phase(BackupPhase.TRANSFER);
    t.diskTotal(1, 1000);
    t.diskTotal(2, 2000);
    List<Long> disk1 = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      now = now.plusMillis(10);
      t.advance(1, 25);
      t.advance(2, 1);
    }
    for (BackupProgress p : pushed.subList(1, pushed.size())) {
      disk1.add(p.disks().get(0).bytesDone());
    }
    assertEquals(List.of(100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L), disk1);
    assertEquals(
        39, pushed.get(pushed.size() - 1).disks().get(1).bytesDone(), "disk 2 at 2 %: no push");
    assertEquals(11, pushed.size());
  }

  @Test
  void aChunkThatPassesSeveralTenthsPushesOnceAndADiskOfUnknownSizeOnlyByTime() {
    ProgressTracker t = new ProgressTracker(7, "vm-1", pushed::add, clock, Duration.ofSeconds(3));
    t.phase(BackupPhase.TRANSFER);
    t.diskTotal(1, 1000);
    t.advance(1, 350);
    assertEquals(2, pushed.size());
    t.advance(1, 40);
    t.advance(2, 5000);
    assertEquals(2, pushed.size(), "below 40 % of disk 1 and disk 2's size unknown");
    now = now.plusSeconds(3);
    t.advance(2, 1);
    assertEquals(3, pushed.size());
  }

  @Test
  void timelineKeepsTheFirstTimeOfEachEventFromTheStart() {
    ProgressTracker t = new ProgressTracker(7, "vm-1", pushed::add, clock, Duration.ofSeconds(3));
    now = now.plusMillis(40);
    t.phase(BackupPhase.PREPARE);
    now = now.plusMillis(210);
    t.phase(BackupPhase.SNAPSHOT);
    now = now.plusMillis(1500);
    t.mark("disk 1 first bytes read");
    now = now.plusMillis(5);
    t.mark("disk 1 first bytes read");
    t.phase(BackupPhase.TRANSFER);
    assertEquals(
        "started 2026-01-01T00:00:00Z: prepare +40 ms, snapshot +250 ms,"
            + " disk 1 first bytes read +1750 ms, transfer +1755 ms",
        t.timeline());
  }

  @Test
  void inTheBackgroundASlowSinkDoesNotHoldTheJobAndFinishDeliversAllInOrderThenTheLast()
      throws Exception {
    List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    ProgressTracker t =
        ProgressTracker.inBackground(
            7,
            "vm-1",
            p -> {
              try {
                // bounded, so a tracker that pushed on the job's thread fails the test
                release.await(2, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              seen.add(p.phase() + "@" + Thread.currentThread().getName());
            },
            clock,
            Duration.ofSeconds(3));
    t.phase(BackupPhase.PREPARE);
    t.phase(BackupPhase.SNAPSHOT);
    t.phase(BackupPhase.TRANSFER);
    t.diskTotal(1, 1000);
    t.advance(1, 500);
    assertEquals(List.of(), seen, "the sink has not returned yet, the job went on");
    release.countDown();
    t.finish(BackupPhase.COMPLETE);
    String main = Thread.currentThread().getName();
    assertEquals(
        List.of(
            "PREPARE@sendense-telemetry-7",
            "SNAPSHOT@sendense-telemetry-7",
            "TRANSFER@sendense-telemetry-7",
            "TRANSFER@sendense-telemetry-7",
            "COMPLETE@" + main),
        seen);
  }

  @Test
  void aFailingSinkDoesNotFailTheBackup() {
    ProgressTracker t =
        new ProgressTracker(
            7,
            "vm-1",
            p -> {
              throw new IllegalStateException("hub down");
            },
            clock,
            Duration.ofSeconds(3));
    t.phase(BackupPhase.TRANSFER);
    t.advance(1, 10);
    assertEquals(10, t.current().bytesDone());
    assertNull(t.current().eta());
  }
}
