package io.sendense.webapp.backup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** A backup job was queued; once its transaction commits the dispatcher looks at the queue. */
public record JobQueued(long jobId) {

  /** Wakes the dispatcher after the commit instead of waiting for its next tick. */
  @ApplicationScoped
  public static class Trigger {
    @Inject JobDispatcher dispatcher;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobQueued event) {
      dispatcher.dispatchSoon();
    }
  }
}
