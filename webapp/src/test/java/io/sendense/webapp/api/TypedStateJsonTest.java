package io.sendense.webapp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.persistence.backup.BackupJobPhase;
import io.sendense.persistence.repository.RepositoryStatus;
import io.sendense.webapp.node.NodeDto;
import io.sendense.webapp.repository.RepositoryDto;
import io.sendense.webapp.vm.TelemetryDto;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API's JSON for typed job phases and repository statuses is what it was as strings: JSON-B
 * (Yasson, as in Payara) writes each enum as its name, under the same field names.
 */
class TypedStateJsonTest {
  private static Jsonb jsonb;

  @BeforeAll
  static void open() {
    jsonb = JsonbBuilder.create();
  }

  @AfterAll
  static void close() throws Exception {
    jsonb.close();
  }

  private static JsonObject json(Object value) {
    try (var reader = Json.createReader(new StringReader(jsonb.toJson(value)))) {
      return reader.readObject();
    }
  }

  @Test
  void repositoryStatusIsWrittenAsItsName() {
    for (RepositoryStatus status : RepositoryStatus.values()) {
      JsonObject o = json(repository(status));
      assertEquals(status.name(), o.getString("status"));
      assertEquals("disk full", o.getString("statusMessage"));
    }
    assertEquals(List.of("UNKNOWN", "OK", "ERROR"), names(RepositoryStatus.values()));
  }

  @Test
  void jobPhaseIsWrittenAsItsNameInNodesAndTelemetry() {
    for (BackupJobPhase phase : BackupJobPhase.values()) {
      JsonObject running = json(new NodeDto.RunningJob(7, "web-01", phase, 10, 20, 30));
      assertEquals(phase.name(), running.getString("phase"));
      JsonObject point =
          json(new TelemetryDto.Point(Instant.parse("2026-12-06T00:00:00Z"), phase, 1, 2, 3));
      assertEquals(phase.name(), point.getString("phase"));
      assertEquals("2026-12-06T00:00:00Z", point.getString("capturedAt"));
    }
    assertEquals(
        List.of("PREPARE", "SNAPSHOT", "TRANSFER", "FINALIZE", "CLEANUP", "COMPLETE", "FAILED"),
        names(BackupJobPhase.values()));
  }

  private static List<String> names(Enum<?>[] values) {
    return java.util.Arrays.stream(values).map(Enum::name).toList();
  }

  private static RepositoryDto repository(RepositoryStatus status) {
    return new RepositoryDto(
        3,
        "Local",
        "local",
        "Local folder",
        Map.of("path", "/srv/backups"),
        true,
        status,
        "disk full",
        100L,
        40L,
        60L,
        null,
        0,
        new RepositoryDto.Encryption(false, null, null),
        0,
        "FILES",
        null,
        null);
  }
}
