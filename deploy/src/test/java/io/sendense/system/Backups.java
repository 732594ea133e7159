package io.sendense.system;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/** TEST TOOLING: waiting for backup jobs through the hub's API. */
final class Backups {
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
  static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

  private Backups() {}

  /** The job once it ended. */
  static JsonObject awaitEnd(HubApi api, long jobId) throws Exception {
    return api.await(
            "jobs/by-id/" + jobId,
            d -> ENDED.contains(d.getJsonObject("job").getString("status")),
            JOB_TIMEOUT)
        .getJsonObject("job");
  }
}
