package io.sendense.node;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Calls the hub for the job's ports, riding out a short outage of the hub or the network: a call
 * that cannot reach the hub is retried for up to two minutes (catalog writes set state, they do not
 * add to it; the one that adds, creating the backup, is not retried), then fails the job's step. An
 * answer with an error status is not retried.
 */
final class HubCalls {
  private static final Logger LOG = Logger.getLogger(HubCalls.class.getName());
  private static final Duration RETRY_FOR = Duration.ofMinutes(2);

  private final HubConnection connection;

  HubCalls(HubConnection connection) {
    this.connection = connection;
  }

  JsonObject call(String path, JsonObject body) {
    return call(path, body, true);
  }

  JsonObject call(String path, JsonObject body, boolean retry) {
    Instant deadline = Instant.now().plus(RETRY_FOR);
    long pause = 500;
    while (true) {
      try {
        return connection.post(path, body, 120_000);
      } catch (IOException e) {
        if (!retry || Instant.now().isAfter(deadline)) {
          throw new UncheckedIOException("The hub did not answer " + path + " for " + RETRY_FOR, e);
        }
        LOG.warning(() -> "The hub did not answer " + path + " (" + e + "); retrying");
        sleep(pause);
        pause = Math.min(5000, pause * 2);
      }
    }
  }

  /**
   * A call of a job's port relayed to the hub's own adapter ({@code node/v1/catalog/...} for the
   * backup's catalog, {@code node/v1/restore-catalog/...} for a restore's): the answer's {@code
   * value}, JSON null when the port returned nothing.
   */
  jakarta.json.JsonValue relay(String path, JsonObject args) {
    return call(path, args).getOrDefault("value", jakarta.json.JsonValue.NULL);
  }

  HubConnection connection() {
    return connection;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the hub", e);
    }
  }
}
