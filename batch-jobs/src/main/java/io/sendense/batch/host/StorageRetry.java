package io.sendense.batch.host;

import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;

/**
 * How often a repository operation is tried again after the connection to the storage broke: a
 * bounded number of attempts with growing pauses, so that a short network blip or a server restart
 * costs a few seconds and a server that stays down fails the job with its reason.
 */
record StorageRetry(int attempts, Duration firstPause, Sleeper sleeper) {

  /** Kinds that a new attempt can cure; anything else fails at once. */
  static final Set<FailureKind> TRANSIENT =
      Set.of(FailureKind.CONNECTION_LOST, FailureKind.HOST_UNREACHABLE);

  /** Four attempts over about seven seconds (pauses of 1, 2 and 4 s). */
  static final StorageRetry DEFAULT = new StorageRetry(4, Duration.ofSeconds(1), Thread::sleep);

  /** Waits between attempts; tests replace it. */
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /** One call to the storage. */
  interface Call<T> {
    T run(int attempt) throws StorageException;
  }

  static boolean isTransient(StorageException e) {
    return TRANSIENT.contains(e.kind());
  }

  /** Runs {@code call} until it succeeds, fails for good, or the attempts are used up. */
  <T> T run(Call<T> call) throws StorageException, InterruptedIOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run(attempt);
      } catch (StorageException e) {
        if (!isTransient(e) || attempt >= attempts) {
          throw e;
        }
        pause(attempt, e);
      }
    }
  }

  void pause(int attempt, StorageException cause) throws InterruptedIOException {
    try {
      sleeper.sleep(firstPause.toMillis() << (attempt - 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException stop = new InterruptedIOException("interrupted while retrying");
      stop.addSuppressed(cause);
      throw stop;
    }
  }
}
