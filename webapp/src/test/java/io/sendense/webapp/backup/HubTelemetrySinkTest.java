package io.sendense.webapp.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.BackupProgress;
import io.sendense.batch.port.DiskProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubTelemetrySinkTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static BackupProgress at(long seconds, BackupPhase phase, long disk1, long disk2) {
    return new BackupProgress(
        7,
        "vm-1",
        phase,
        disk1 + disk2,
        2000,
        0,
        null,
        List.of(new DiskProgress(1, disk1, 1000), new DiskProgress(2, disk2, 1000)),
        T0.plusSeconds(seconds));
  }

  @Test
  void keepsASnapshotAtEveryPhaseEveryTenthOfADiskAndEvery30Seconds() {
    HubTelemetrySink sink = new HubTelemetrySink();
    List<Boolean> kept = new ArrayList<>();
    for (BackupProgress p :
        List.of(
            at(0, BackupPhase.PREPARE, 0, 0),
            at(1, BackupPhase.TRANSFER, 0, 0),
            at(4, BackupPhase.TRANSFER, 50, 0),
            at(5, BackupPhase.TRANSFER, 100, 0),
            at(8, BackupPhase.TRANSFER, 150, 90),
            at(9, BackupPhase.TRANSFER, 150, 100),
            at(38, BackupPhase.TRANSFER, 190, 190),
            at(39, BackupPhase.TRANSFER, 190, 199),
            at(40, BackupPhase.COMPLETE, 1000, 1000))) {
      kept.add(sink.keep(p, HubTelemetrySink.phase(p.phase())));
    }
    assertEquals(List.of(true, true, false, true, false, true, false, true, true), kept);
  }

  @Test
  void everyPhaseTheJobReportsHasTheCatalogPhaseOfTheSameName() {
    for (BackupPhase phase : BackupPhase.values()) {
      assertEquals(phase.name(), HubTelemetrySink.phase(phase).name());
    }
    assertEquals(
        BackupPhase.values().length, io.sendense.persistence.backup.BackupJobPhase.values().length);
  }
}
