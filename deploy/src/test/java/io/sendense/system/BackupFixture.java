package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * TEST TOOLING: backups through the hub's API: the catalog's "Local" repository (made at first
 * start), a backup run to its restore point, a job awaited to its end.
 */
final class BackupFixture {
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
  static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

  private BackupFixture() {}

  /** The repository called "Local" as the API lists it. */
  static JsonObject local(HubApi api) throws Exception {
    return api.array("repositories").getValuesAs(JsonObject.class).stream()
        .filter(r -> r.getString("name").equals("Local"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no repository called Local"));
  }

  /** The body of {@code POST /api/v1/repositories} for a local repository in {@code folder}. */
  static String localRepository(String name, Path folder) {
    return localRepositoryJson(name, folder).build().toString();
  }

  /**
   * As {@link #localRepository}, to add fields such as {@code immutableDays} or {@code encrypt}.
   */
  static JsonObjectBuilder localRepositoryJson(String name, Path folder) {
    return Json.createObjectBuilder()
        .add("name", name)
        .add("type", "local")
        .add("config", Json.createObjectBuilder().add("path", folder.toString()));
  }

  /** The catalog id of the "Local" repository. */
  static long localId(HubApi api) throws Exception {
    return local(api).getJsonNumber("id").longValue();
  }

  /** The folder of a local repository as the API lists it. */
  static Path folder(JsonObject repository) {
    return Path.of(repository.getJsonObject("config").getString("path"));
  }

  /**
   * Backs VM {@code vmId} up into {@code repository} (the type the hub picks), checks that the job
   * COMPLETED and returns the id of the point it made.
   */
  static long backUp(HubApi api, long vmId, long repository) throws Exception {
    JsonObject job =
        api.post("backups", "{\"vmId\":" + vmId + ",\"repositoryId\":" + repository + "}", 202);
    JsonObject ended = awaitEnd(api, job.getJsonNumber("id").longValue());
    assertEquals("COMPLETED", ended.getString("status"), ended.toString());
    return ended.getJsonNumber("backupId").longValue();
  }

  /** The job once it ended. */
  static JsonObject awaitEnd(HubApi api, long jobId) throws Exception {
    return awaitEnd(api, jobId, JOB_TIMEOUT);
  }

  /** The job once it ended, waiting at most {@code timeout}. */
  static JsonObject awaitEnd(HubApi api, long jobId, Duration timeout) throws Exception {
    return api.await(
            "jobs/by-id/" + jobId,
            d -> ENDED.contains(d.getJsonObject("job").getString("status")),
            timeout)
        .getJsonObject("job");
  }
}
