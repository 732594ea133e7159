package io.sendense.webapp.vmrestore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.batch.restore.port.RestorePhase;
import io.sendense.persistence.restore.RestoreJobPhase;
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
        assertEquals(phase.name(), json(jsonb, restore(phase)).getString("phase"));
      }
    }
  }

  private static JsonObject json(Jsonb jsonb, VmRestoreDto restore) {
    try (var reader = Json.createReader(new StringReader(jsonb.toJson(restore)))) {
      return reader.readObject();
    }
  }

  private static VmRestoreDto restore(RestoreJobPhase phase) {
    return new VmRestoreDto(
        1,
        "RUNNING",
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
        0,
        0,
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
        null);
  }
}
