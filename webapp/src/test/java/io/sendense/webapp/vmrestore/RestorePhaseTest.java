package io.sendense.webapp.vmrestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.batch.restore.port.RestorePhase;
import io.sendense.persistence.restore.RestoreJobPhase;
import io.sendense.persistence.restore.RestoreJobStatus;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A VM restore's phase is typed from the job's report to the column and the API: each phase the job
 * reports has a catalog phase of the same name, and the JSON carries the name as it did when the
 * phase was a string.
 */
class RestorePhaseTest {
  @Test
  void everyPhaseTheJobReportsIsACatalogPhaseOfTheSameName() {
    for (RestorePhase phase : RestorePhase.values()) {
      assertEquals(phase.name(), HubRestoreCatalogPort.phase(phase).name());
    }
    assertEquals(
        List.of(
            "QUEUED",
            "PREPARE",
            "CREATE",
            "UPLOAD",
            "FINISH",
            "COMPLETE",
            "CLEANUP",
            "FAILED",
            "RESUMING"),
        Arrays.stream(RestoreJobPhase.values()).map(Enum::name).toList());
  }

  @Test
  void theApiWritesThePhaseAsItsName() throws Exception {
    try (Jsonb jsonb = JsonbBuilder.create()) {
      for (RestoreJobPhase phase : RestoreJobPhase.values()) {
        assertEquals(
            phase.name(), json(jsonb, restore(RestoreJobStatus.RUNNING, phase)).getString("phase"));
      }
    }
  }

  @Test
  void theApiWritesTheStatusAsItsName() throws Exception {
    try (Jsonb jsonb = JsonbBuilder.create()) {
      for (RestoreJobStatus status : RestoreJobStatus.values()) {
        JsonObject o = json(jsonb, restore(status, RestoreJobPhase.PREPARE));
        assertEquals(status.name(), o.getString("status"));
        assertEquals("PREPARE", o.getString("phase"));
      }
    }
    assertEquals(
        List.of("QUEUED", "RUNNING", "COMPLETED", "FAILED"),
        Arrays.stream(RestoreJobStatus.values()).map(Enum::name).toList());
  }

  @Test
  void progressAndStateFollowTheStatus() {
    VmRestoreDto done = restore(RestoreJobStatus.COMPLETED, RestoreJobPhase.COMPLETE);
    assertEquals(100, done.percent());
    assertTrue(done.ended());
    assertFalse(done.running());
    VmRestoreDto running = restore(RestoreJobStatus.RUNNING, RestoreJobPhase.UPLOAD);
    assertEquals(25, running.percent());
    assertTrue(running.running());
    assertFalse(running.ended());
    assertTrue(restore(RestoreJobStatus.FAILED, RestoreJobPhase.FAILED).ended());
    assertFalse(restore(RestoreJobStatus.QUEUED, RestoreJobPhase.QUEUED).ended());
  }

  private static JsonObject json(Jsonb jsonb, VmRestoreDto restore) {
    try (var reader = Json.createReader(new StringReader(jsonb.toJson(restore)))) {
      return reader.readObject();
    }
  }

  private static VmRestoreDto restore(RestoreJobStatus status, RestoreJobPhase phase) {
    return new VmRestoreDto(
        1,
        status,
        phase,
        2L,
        3L,
        "web01",
        null,
        4L,
        "web01-restored",
        null,
        false,
        false,
        null,
        null,
        null,
        null,
        List.of(),
        25,
        100,
        0,
        null,
        null,
        null,
        null,
        null,
        1,
        0,
        "admin",
        null,
        null,
        null,
        null);
  }
}
